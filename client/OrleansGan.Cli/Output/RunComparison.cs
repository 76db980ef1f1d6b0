using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansGan.Cli.Output;

/// <summary>
/// Runs side by side, ranked by their best score (lower is better; runs without a score last): the hyperparameters that
/// differ, the latest losses, the best and latest score, the best checkpoint and its grid.
/// </summary>
/// <param name="StoredPaths">The artifact root is unknown here: checkpoint and grid paths are as stored, under it.</param>
internal sealed record RunComparison(string Metric, IReadOnlyList<string> DifferingKeys, IReadOnlyList<RunComparisonRow> Rows, bool StoredPaths)
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
        return new RunComparison(metric, differing, rows.Select((r, i) => r with { Rank = ranks[i] }).ToList(), artifactRoot is null);
    }

    static RunComparisonRow Row(RunSnapshot r, string metric, IReadOnlyList<string> differing, string? artifactRoot)
    {
        var best = r.BestCheckpointBy(metric);
        return new RunComparisonRow(
            null, r.RunId, r.Status, EndedWith(r, differing), r.Step, r.TotalSteps,
            r.Latest?.D1, r.Latest?.D2, r.Latest?.G,
            r.History.Count > 0 ? r.History.Min(p => p.G) : null,
            metric, r.BestScoreBy(metric), CheckpointScores.ScoreOf(r.LatestCheckpoint, metric),
            best?.Step, best?.AccuracyReal, best?.AccuracyFake,
            best is null ? null : ArtifactLocation.Of(artifactRoot, best.Path),
            best is null ? null : ArtifactLocation.Of(artifactRoot, best.GridPath),
            r.StatusReason);
    }

    /// <summary>
    /// The table, less its low-priority columns where the terminal is too narrow for all of them (Spectre would otherwise
    /// wrap every cell into fragments like "comp/lete/d"); a line names what was left out.
    /// </summary>
    public void Render()
    {
        var columns = Columns();
        var width = AnsiConsole.Profile.Width;
        var shown = columns.ToList();
        var table = TableOf(shown);
        while (NaturalWidth(table, width) > width && shown.Any(c => c.DropOrder > 0))
        {
            shown.Remove(shown.Where(c => c.DropOrder > 0).MaxBy(c => c.DropOrder)!);
            table = TableOf(shown);
        }
        AnsiConsole.Write(table);
        if (shown.Count < columns.Count)
            AnsiConsole.MarkupLine(Markup.Escape($"not shown at {width} columns: {string.Join(", ", columns.Except(shown).Select(c => c.Header))} " +
                "(a wider terminal or --json shows them)"));
        foreach (var row in Rows.Where(r => r.Status == RunStatus.Stopped))
            AnsiConsole.MarkupLine(Markup.Escape($"{ShortName(row.Run)} stopped: {row.Reason}"));
        // Plain lines, not Spectre's: it would break a long path with a newline; the terminal wraps it, and copying gives it back whole.
        foreach (var row in Rows.Where(r => r.BestGrid is not null))
            Console.WriteLine($"{ShortName(row.Run)} grid: {row.BestGrid}");
        if (StoredPaths && Rows.Any(r => r.BestGrid is not null)) ArtifactLocation.SayWhereStoredPathsAre();
        AnsiConsole.MarkupLine($"[grey]ranked by {Markup.Escape(Metric)} (lower is better) at each run's best checkpoint; " +
            "a run without a score ranks last, shown at its latest checkpoint[/]");
    }

    /// <param name="DropOrder">0: always shown; else the higher, the sooner it goes on a narrow terminal.</param>
    sealed record Column(string Header, int DropOrder, Func<RunComparisonRow, string> Cell);

    List<Column> Columns()
    {
        var columns = new List<Column>
        {
            new("#", 0, r => r.Rank?.ToString() ?? "-"),
            new("run", 0, r => ShortName(r.Run)),
            new("status", 0, r => r.Status.ToString().ToLowerInvariant()),
        };
        columns.AddRange(DifferingKeys.Select(k => new Column(k, 0, r => Formats.Number(r.Hyperparameters[k]))));
        columns.AddRange(
        [
            new("step", 0, r => Formats.Steps(r.Step, r.TotalSteps)),
            new("d1", 6, r => r.D1 is { } d1 ? Formats.Loss(d1) : "-"),
            new("d2", 7, r => r.D2 is { } d2 ? Formats.Loss(d2) : "-"),
            new("g", 3, r => r.G is { } g ? Formats.Loss(g) : "-"),
            new($"best {Metric}", 0, r => Formats.Score(r.BestScore)),
            new("best ckpt", 1, r => r.BestCheckpointStep?.ToString() ?? "-"),
            new($"latest {Metric}", 4, r => Formats.Score(r.LatestScore)),
            new("acc real/fake", 5, r => r.BestAccuracyReal is { } ar ? $"{Formats.Percent(ar)}/{Formats.Percent(r.BestAccuracyFake!.Value)}" : "-"),
        ]);
        return columns;
    }

    Table TableOf(IReadOnlyList<Column> columns)
    {
        var table = new Table();
        foreach (var column in columns) table.AddColumn(Markup.Escape(column.Header));
        foreach (var row in Rows) table.AddRow(columns.Select(c => Markup.Escape(c.Cell(row))).ToArray());
        return table;
    }

    static int NaturalWidth(IRenderable table, int width) => table.Measure(RenderOptions.Create(AnsiConsole.Console), width).Max;

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

    /// <summary>
    /// Every search parameter of the run with the value it ended with (a PBT member's after its last exploit), and the other
    /// keys that differ between the runs: not only those that differ, since PBT members often end on equal values of a key.
    /// </summary>
    static Dictionary<string, double> EndedWith(RunSnapshot run, IReadOnlyList<string> differing) =>
        run.Spec.Hyperparameters.Select(p => p.Key).Union(differing).ToDictionary(k => k, k => Value(run, k));

    static double Value(RunSnapshot run, string key) => run.Spec.Config.FirstOrDefault(p => p.Key == key).Value;
}

/// <param name="Hyperparameters">The run's search parameters and the keys that differ between the runs, with the values it ended with.</param>
/// <param name="Rank">1 for the best score; equal scores share a rank; null for a run without a score.</param>
/// <param name="BestCheckpointStep">The best-scored checkpoint's step, or the latest checkpoint's for a run without a score.</param>
internal sealed record RunComparisonRow(
    int? Rank, string Run, RunStatus Status, IReadOnlyDictionary<string, double> Hyperparameters, long Step, long TotalSteps,
    double? D1, double? D2, double? G, double? BestG,
    string Metric, double? BestScore, double? LatestScore,
    long? BestCheckpointStep, double? BestAccuracyReal, double? BestAccuracyFake, string? BestCheckpoint, string? BestGrid,
    string? Reason);
