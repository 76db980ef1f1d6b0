using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Leaderboards;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class RunCommands
{
    public static Command Build()
    {
        var runs = new Command("runs", "Runs: one in detail, several side by side, or the best on a data set");
        runs.Subcommands.Add(Show());
        runs.Subcommands.Add(Compare());
        runs.Subcommands.Add(Top());
        return runs;
    }

    static Command Show()
    {
        var id = new Argument<string>("run") { Description = "Run id" };
        var command = new Command("show", "A run's status, hyperparameters, PBT lineage, latest metrics and checkpoints with their scores") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var run = await session.Client.Run(parse.GetRequiredValue(id));
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(run, JsonOutput.Documents.RunSnapshot);
                return ExitCodes.Done;
            }
            AnsiConsole.MarkupLine(Markup.Escape(ExperimentWatch.Describe(run)));
            AnsiConsole.MarkupLine(Markup.Escape($"attempts {run.Attempts} ({run.Failures} failed), worker {run.Worker ?? "-"}, started {Formats.Time(run.StartedAt)}, finished {Formats.Time(run.FinishedAt)}"));
            AnsiConsole.MarkupLine(Markup.Escape($"config: {Formats.Parameters(run.Spec.Config)}"));
            foreach (var entry in run.Lineage)
                AnsiConsole.MarkupLine(Markup.Escape($"pbt at epoch {entry.AtEpoch}: copied {entry.DonorRun} step {entry.DonorStep} (epoch {entry.DonorEpoch}, sha-256 {entry.DonorSha256[..12]}); " +
                    Formats.Changes(entry.OldValues, entry.NewValues)));
            var metrics = run.Checkpoints.SelectMany(c => c.Scores.Keys).Distinct().Order().ToList();
            var table = new Table().Title("checkpoints").AddColumn("step").AddColumn("epoch");
            foreach (var metric in metrics) table.AddColumn(metric);
            table.AddColumn("acc real").AddColumn("acc fake").AddColumn("checkpoint").AddColumn("sha-256").AddColumn("grid");
            var best = run.BestCheckpoint;
            foreach (var c in run.Checkpoints)
                table.AddRow(new[] { c == best ? $"{c.Step} (best)" : c.Step.ToString(), c.Epoch.ToString() }
                    .Concat(metrics.Select(m => Formats.Score(CheckpointScores.ScoreOf(c, m))))
                    .Concat([Formats.Percent(c.AccuracyReal), Formats.Percent(c.AccuracyFake),
                        ArtifactLocation.Of(session.ArtifactRoot, c.Path), c.Sha256[..12], ArtifactLocation.Of(session.ArtifactRoot, c.GridPath)])
                    .Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Compare()
    {
        var ids = new Argument<string[]>("runs") { Description = "Run ids", Arity = ArgumentArity.ZeroOrMore };
        var experiment = new Option<string?>("--experiment") { Description = "Compare every run of this experiment" };
        var metric = MetricOption("The metric to rank by (default: the runs' objective)");
        var command = new Command("compare", "Runs side by side, best score first: differing hyperparameters, losses, scores, best checkpoint, grids")
        {
            ids, experiment, metric,
        };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            IReadOnlyList<RunSnapshot> runs;
            if (parse.GetValue(experiment) is { } experimentId)
                runs = await session.Client.Runs(await session.Client.Experiment(experimentId));
            else if (parse.GetValue(ids) is { Length: > 0 } runIds)
                runs = await Task.WhenAll(runIds.Select(session.Client.Run));
            else
                throw new UsageException("runs compare: give run ids or --experiment ID");
            var comparison = RunComparison.Of(runs, session.ArtifactRoot, parse.GetValue(metric));
            if (parse.GetValue(GlobalOptions.Json)) JsonOutput.Print(comparison.Rows, JsonOutput.Documents.IReadOnlyListRunComparisonRow);
            else comparison.Render();
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Top()
    {
        var data = new Option<string?>("--data")
        {
            Description = "The data set: synthetic-IMAGES-SEED, cifar10:DIR or a CIFAR-10 directory (default: every data set with scored runs)",
        };
        var metric = MetricOption("The metric to rank by");
        metric.DefaultValueFactory = _ => QualityMetrics.Swd;
        var limit = new Option<int>("--limit") { Description = "Runs shown per data set", DefaultValueFactory = _ => 10 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var n and (< 1 or > ILeaderboardGrain.Capacity))
                result.AddError($"--limit {n}: must be 1..{ILeaderboardGrain.Capacity}");
        });
        var command = new Command("top", "The best-scored runs of every experiment trained on the same data set, across all time") { data, metric, limit };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var by = parse.GetValue(metric)!;
            IReadOnlyList<LeaderboardId> boards = parse.GetValue(data) is { } given
                ? [new LeaderboardId(DataSetIdentity.Parse(given), by)]
                : (await session.Client.GetGrain<ILeaderboardCatalogGrain>(0).List()).Where(b => b.Metric == by).ToList();
            var tops = await Task.WhenAll(boards.Select(async board => TopRuns.Of(
                board, await session.Client.GetGrain<ILeaderboardGrain>(board.Key).Top(parse.GetValue(limit)), session.ArtifactRoot)));
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(tops, JsonOutput.Documents.TopRunsArray);
                return ExitCodes.Done;
            }
            foreach (var top in tops.Where(t => t.Runs.Count > 0)) top.Render();
            if (tops.All(t => t.Runs.Count == 0))
            {
                var known = (await session.Client.GetGrain<ILeaderboardCatalogGrain>(0).List()).Select(b => $"{b.DataSet} ({b.Metric})").ToList();
                AnsiConsole.MarkupLine(Markup.Escape($"no run scored by {by}{(boards.Count == 1 ? $" on {boards[0].DataSet}" : "")}; " +
                    (known.Count > 0 ? $"scored runs exist on: {string.Join(", ", known)}" : "no run has a score yet")));
            }
            return ExitCodes.Done;
        });
        return command;
    }

    static Option<string?> MetricOption(string description)
    {
        var option = new Option<string?>("--metric") { Description = $"{description}: {string.Join(", ", QualityMetrics.All)}" };
        option.AcceptOnlyFromAmong([.. QualityMetrics.All]);
        return option;
    }
}
