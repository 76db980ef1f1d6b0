using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Experiments;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class ExperimentCommands
{
    public static Command Build()
    {
        var experiments = new Command("experiments", "Every experiment ever submitted");
        experiments.Subcommands.Add(List());
        experiments.Subcommands.Add(Show());
        experiments.Subcommands.Add(Cancel());
        return experiments;
    }

    static Command List()
    {
        var command = new Command("list", "List experiments, newest first");
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var entries = await session.Client.Catalog().List();
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(entries);
                return ExitCodes.Done;
            }
            var table = new Table().AddColumn("experiment").AddColumn("status").AddColumn("runs").AddColumn("submitted").AddColumn("finished");
            foreach (var e in entries)
                table.AddRow(Markup.Escape(e.ExperimentId), e.Status.ToString().ToLowerInvariant(), e.Runs.ToString(), Formats.Time(e.SubmittedAt), Formats.Time(e.FinishedAt));
            AnsiConsole.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Experiment id" };
        var command = new Command("show", "An experiment and its runs side by side") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var experiment = await session.Client.Experiment(parse.GetRequiredValue(id));
            var comparison = RunComparison.Of(await session.Client.Runs(experiment), session.ArtifactRoot);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(new { experiment = experiment.Entry, sweep = experiment.Sweep, runs = comparison.Rows });
                return ExitCodes.Done;
            }
            var e = experiment.Entry;
            AnsiConsole.MarkupLine(Markup.Escape($"{e.ExperimentId}: {e.Status.ToString().ToLowerInvariant()}, {e.Runs} run(s), submitted {Formats.Time(e.SubmittedAt)}, finished {Formats.Time(e.FinishedAt)}"));
            if (e.Description is { } description) AnsiConsole.MarkupLine(Markup.Escape(description));
            comparison.Render();
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Cancel()
    {
        var id = new Argument<string>("id") { Description = "Experiment id" };
        var command = new Command("cancel", "Stop an experiment's runs at their next step; what they wrote is kept") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var experimentId = parse.GetRequiredValue(id);
            await session.Client.GetGrain<IExperimentGrain>(experimentId).Cancel();
            Console.WriteLine($"cancelled {experimentId}");
            return ExitCodes.Done;
        });
        return command;
    }
}
