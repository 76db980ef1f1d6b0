using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>
/// Runs side by side, ranked by their best score (lower is better; runs without a score last): the hyperparameters that
/// differ, the latest losses, the best and latest score, the best checkpoint and its grid.
/// </summary>
internal sealed record RunComparison(string Metric, IReadOnlyList<string> DifferingKeys, IReadOnlyList<RunComparisonRow> Rows)
{
    /// <param name="metric">What to rank by; null: the runs' objective metric.</param>
    /// <exception cref="UsageException">no metric given and the runs have different objectives.</exception>
    public static RunComparison Of(IReadOnlyList<RunSnapshot> runs, string? artifactRoot, string? metric = null)
    {
        metric ??= ObjectiveOf(runs);
        var differing = runs.SelectMany(r => r.Spec.Config.Select(p => p.Key)).Distinct()
            .Where(key => runs.Select(r => Value(r, key)).Distinct().Count() > 1)
            .ToList();
        // OrderBy is stable: runs with equal scores, and the unscored ones, keep the order they were given in.
        var rows = runs.Select(r => Row(r, metric, differing, artifactRoot))
            .OrderBy(r => r.BestScore is null).ThenBy(r => r.BestScore)
            .ToList();
        var ranks = Ranks.Competition(rows.Select(r => r.BestScore).ToList());
        return new RunComparison(metric, differing, rows.Select((r, i) => r with { Rank = ranks[i] }).ToList());
    }

    static RunComparisonRow Row(RunSnapshot r, string metric, IReadOnlyList<string> differing, string? artifactRoot)
    {
        var best = r.BestCheckpointBy(metric);
        return new RunComparisonRow(
            null, r.RunId, r.Status, differing.ToDictionary(k => k, k => Value(r, k)), r.Step, r.TotalSteps,
            r.Latest?.D1, r.Latest?.D2, r.Latest?.G,
            r.History.Count > 0 ? r.History.Min(p => p.G) : null,
            metric, r.BestScoreBy(metric), CheckpointScores.ScoreOf(r.LatestCheckpoint, metric),
            best?.Step, best?.AccuracyReal, best?.AccuracyFake,
            best is null ? null : ArtifactLocation.Of(artifactRoot, best.Path),
            best is null ? null : ArtifactLocation.Of(artifactRoot, best.GridPath),
            r.StatusReason);
    }

    public void Render()
    {
        var table = new Table().AddColumn("#").AddColumn("run").AddColumn("status");
        foreach (var key in DifferingKeys) table.AddColumn(key);
        table.AddColumn("step").AddColumn("d1").AddColumn("d2").AddColumn("g")
            .AddColumn($"best {Metric}").AddColumn("best ckpt").AddColumn($"latest {Metric}").AddColumn("acc real/fake");
        foreach (var row in Rows)
        {
            var cells = new List<string> { row.Rank?.ToString() ?? "-", ShortName(row.Run), row.Status.ToString().ToLowerInvariant() };
            cells.AddRange(DifferingKeys.Select(k => Formats.Number(row.Hyperparameters[k])));
            cells.Add($"{row.Step}/{row.TotalSteps}");
            cells.Add(row.D1 is { } d1 ? Formats.Loss(d1) : "-");
            cells.Add(row.D2 is { } d2 ? Formats.Loss(d2) : "-");
            cells.Add(row.G is { } g ? Formats.Loss(g) : "-");
            cells.Add(Formats.Score(row.BestScore));
            cells.Add(row.BestCheckpointStep?.ToString() ?? "-");
            cells.Add(Formats.Score(row.LatestScore));
            cells.Add(row.BestAccuracyReal is { } ar ? $"{Formats.Percent(ar)}/{Formats.Percent(row.BestAccuracyFake!.Value)}" : "-");
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var row in Rows.Where(r => r.BestGrid is not null))
            AnsiConsole.MarkupLine(Markup.Escape($"{ShortName(row.Run)} grid: {row.BestGrid}"));
        AnsiConsole.MarkupLine($"[grey]ranked by {Markup.Escape(Metric)} (lower is better) at each run's best checkpoint; " +
            "a run without a score ranks last, shown at its latest checkpoint[/]");
    }

    static string ObjectiveOf(IReadOnlyList<RunSnapshot> runs)
    {
        var objectives = runs.Select(r => r.Spec.Objective.Metric).Distinct().ToList();
        return objectives.Count switch
        {
            0 => QualityMetrics.Swd,
            1 => objectives[0],
            _ => throw new UsageException($"the runs have different objectives ({string.Join(", ", objectives)}): give --metric"),
        };
    }

    /// <summary>"r003" for "lr-sweep-20261127-120000-r003": the experiment is the same on every row.</summary>
    static string ShortName(string runId) => runId[(runId.LastIndexOf('-') + 1)..];

    static double Value(RunSnapshot run, string key) => run.Spec.Config.FirstOrDefault(p => p.Key == key).Value;
}

/// <param name="Rank">1 for the best score; equal scores share a rank; null for a run without a score.</param>
/// <param name="BestCheckpointStep">The best-scored checkpoint's step, or the latest checkpoint's for a run without a score.</param>
internal sealed record RunComparisonRow(
    int? Rank, string Run, RunStatus Status, IReadOnlyDictionary<string, double> Hyperparameters, long Step, long TotalSteps,
    double? D1, double? D2, double? G, double? BestG,
    string Metric, double? BestScore, double? LatestScore,
    long? BestCheckpointStep, double? BestAccuracyReal, double? BestAccuracyFake, string? BestCheckpoint, string? BestGrid,
    string? Reason);
