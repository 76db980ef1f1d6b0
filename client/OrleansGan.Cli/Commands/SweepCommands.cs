using OrleansGan.SweepFiles;
using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Cli.Report;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class SweepCommands
{
    public static Command Build()
    {
        var sweep = new Command("sweep", "Hyperparameter sweeps: validate, submit or run a sweep file");
        sweep.Subcommands.Add(Validate());
        sweep.Subcommands.Add(Submit());
        sweep.Subcommands.Add(Run());
        return sweep;
    }

    static async Task<string> ContinueOrSubmit(ClusterSession session, SweepDefinition definition)
    {
        if (await UnfinishedExperiments.FindAsync(session.Client, definition) is { } unfinished)
        {
            var runs = await session.Client.Runs(unfinished);
            var done = runs.Count(r => r.Status.IsFinished());
            await Console.Error.WriteLineAsync($"experiment {unfinished.Entry.ExperimentId} (unfinished, same sweep): continuing from its checkpoints, " +
                $"{done} of {runs.Count} run(s) finished: {string.Join(", ", runs.Where(r => !r.Status.IsFinished() && r.Step > 0).Select(r => $"{InterruptedExperiment.ShortId(r, unfinished.Entry.ExperimentId)} at step {r.LatestCheckpoint?.Step ?? 0}"))}");
            await UnfinishedExperiments.ContinueAsync(session.Client, unfinished);
            return unfinished.Entry.ExperimentId;
        }
        var id = await session.Client.Catalog().Submit(definition);
        await Console.Error.WriteLineAsync($"experiment {id}");
        return id;
    }

    static Argument<string> FileArgument() => new("file") { Description = "The sweep's YAML file" };

    static Command Validate()
    {
        var file = FileArgument();
        var command = new Command("validate", "Check a sweep file and print its variants; submits nothing") { file };
        command.SetGuardedAction((parse, _) =>
        {
            var definition = SweepFileParser.Parse(parse.GetRequiredValue(file));
            var variants = SweepExpander.Expand(definition);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(new SweepVariantsJson(definition.Name,
                    variants.Select(v => new SweepVariantsJson.Variant(v.Index, v.Parameters.ToDictionary(), v.Config.ToDictionary())).ToList()),
                    JsonOutput.Documents.SweepVariantsJson);
                return Task.FromResult(ExitCodes.Done);
            }
            var table = new Table().Title($"{definition.Name}: {variants.Count} variant(s)").AddColumn("#").AddColumn("parameters");
            foreach (var v in variants) table.AddRow(v.Index.ToString(), Markup.Escape(Formats.Parameters(v.Parameters)));
            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }

    static Command Submit()
    {
        var file = FileArgument();
        var command = new Command("submit", "Submit a sweep to a cluster and print its experiment id") { file };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var definition = SweepFileParser.Parse(parse.GetRequiredValue(file));
            await using var session = await ClusterSession.OpenAsync(parse, preferEmbedded: false, cancellation);
            Console.WriteLine(await session.Client.Catalog().Submit(definition));
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Run()
    {
        var file = FileArgument();
        var command = new Command("run",
            "Run a sweep to the end (embedded silo by default), watching it, then compare its runs and write its report; " +
            "an unfinished (interrupted) experiment of the same sweep is continued")
        {
            file, ClusterSession.WorkerSlots,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var path = parse.GetRequiredValue(file);
            var definition = SweepFileParser.Parse(path);
            await using var session = await ClusterSession.OpenAsync(parse, preferEmbedded: true, cancellation);
            var id = await ContinueOrSubmit(session, definition);
            ExperimentSnapshot experiment;
            try
            {
                experiment = await ExperimentWatch.UntilFinishedAsync(session.Client, id, fromStart: true, cancellation);
            }
            catch (OperationCanceledException) when (Interrupts.IsRequested)
            {
                return await InterruptedExperiment.StopAsync(session, id, Formats.CommandLine(parse));
            }
            var report = ExperimentReport.Write(await ReportSubject.OfExperimentAsync(session.Client, id), session.ArtifactRoot,
                ExperimentReport.DefaultTop, ExperimentReport.DefaultMaxMegabytes, ExperimentReport.DefaultPath(session.ArtifactRoot, id));
            await ExperimentOutcome.PrintAsync(session, experiment, parse.GetValue(GlobalOptions.Json), report);
            return experiment.Entry.Status == ExperimentStatus.Completed ? ExitCodes.Done : ExitCodes.Failed;
        });
        return command;
    }
}
