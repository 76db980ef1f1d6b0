using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class RunCommands
{
    public static Command Build()
    {
        var runs = new Command("runs", "Runs: one in detail, or several side by side");
        runs.Subcommands.Add(Show());
        runs.Subcommands.Add(Compare());
        return runs;
    }

    static Command Show()
    {
        var id = new Argument<string>("run") { Description = "Run id" };
        var command = new Command("show", "A run's status, hyperparameters, latest metrics and checkpoints") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var run = await session.Client.Run(parse.GetRequiredValue(id));
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(run);
                return ExitCodes.Done;
            }
            AnsiConsole.MarkupLine(Markup.Escape(ExperimentWatch.Describe(run)));
            AnsiConsole.MarkupLine(Markup.Escape($"attempts {run.Attempts} ({run.Failures} failed), worker {run.Worker ?? "-"}, started {Formats.Time(run.StartedAt)}, finished {Formats.Time(run.FinishedAt)}"));
            AnsiConsole.MarkupLine(Markup.Escape($"config: {Formats.Parameters(run.Spec.Config)}"));
            var table = new Table().Title("checkpoints").AddColumn("step").AddColumn("epoch").AddColumn("acc real").AddColumn("acc fake").AddColumn("checkpoint").AddColumn("sha-256").AddColumn("grid");
            foreach (var c in run.Checkpoints)
                table.AddRow(c.Step.ToString(), c.Epoch.ToString(), Formats.Percent(c.AccuracyReal), Formats.Percent(c.AccuracyFake),
                    Markup.Escape(Locate(session, c.Path)), c.Sha256[..12], Markup.Escape(Locate(session, c.GridPath)));
            AnsiConsole.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Compare()
    {
        var ids = new Argument<string[]>("runs") { Description = "Run ids", Arity = ArgumentArity.ZeroOrMore };
        var experiment = new Option<string?>("--experiment") { Description = "Compare every run of this experiment" };
        var command = new Command("compare", "Runs side by side: differing hyperparameters, final and best metrics, best checkpoint, grids") { ids, experiment };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            IReadOnlyList<RunSnapshot> runs;
            if (parse.GetValue(experiment) is { } experimentId)
                runs = await session.Client.Runs(await session.Client.Experiment(experimentId));
            else if (parse.GetValue(ids) is { Length: > 0 } runIds)
                runs = await Task.WhenAll(runIds.Select(session.Client.Run));
            else
                throw new UsageException("runs compare: give run ids or --experiment ID");
            var comparison = RunComparison.Of(runs, session.ArtifactRoot);
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Print(comparison.Rows);
            else comparison.Render();
            return ExitCodes.Done;
        });
        return command;
    }

    static string Locate(ClusterSession session, string relative) =>
        session.ArtifactRoot is null ? relative : ArtifactPaths.Resolve(session.ArtifactRoot, relative);
}
