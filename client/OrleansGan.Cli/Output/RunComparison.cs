using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>Runs side by side: the hyperparameters that differ, final and best metrics, the best checkpoint and its grid.</summary>
internal sealed record RunComparison(IReadOnlyList<string> DifferingKeys, IReadOnlyList<RunComparisonRow> Rows)
{
    public static RunComparison Of(IReadOnlyList<RunSnapshot> runs, string? artifactRoot)
    {
        var differing = runs.SelectMany(r => r.Spec.Config.Select(p => p.Key)).Distinct()
            .Where(key => runs.Select(r => Value(r, key)).Distinct().Count() > 1)
            .ToList();
        var rows = runs.Select(r =>
        {
            var best = r.BestCheckpoint;
            return new RunComparisonRow(
                r.RunId, r.Status, differing.ToDictionary(k => k, k => Value(r, k)), r.Step, r.TotalSteps,
                r.Latest?.D1, r.Latest?.D2, r.Latest?.G,
                r.History.Count > 0 ? r.History.Min(p => p.G) : null,
                best?.Step, best?.AccuracyReal, best?.AccuracyFake,
                best is null ? null : Locate(artifactRoot, best.Path),
                best is null ? null : Locate(artifactRoot, best.GridPath),
                r.StatusReason);
        }).ToList();
        return new RunComparison(differing, rows);
    }

    public void Render()
    {
        var table = new Table().AddColumn("run").AddColumn("status");
        foreach (var key in DifferingKeys) table.AddColumn(key);
        table.AddColumn("step").AddColumn("d1").AddColumn("d2").AddColumn("g").AddColumn("best ckpt").AddColumn("acc real/fake");
        foreach (var row in Rows)
        {
            var cells = new List<string> { ShortName(row.Run), row.Status.ToString().ToLowerInvariant() };
            cells.AddRange(DifferingKeys.Select(k => Formats.Number(row.Hyperparameters[k])));
            cells.Add($"{row.Step}/{row.TotalSteps}");
            cells.Add(row.D1 is { } d1 ? Formats.Loss(d1) : "-");
            cells.Add(row.D2 is { } d2 ? Formats.Loss(d2) : "-");
            cells.Add(row.G is { } g ? Formats.Loss(g) : "-");
            cells.Add(row.BestCheckpointStep?.ToString() ?? "-");
            cells.Add(row.BestAccuracyReal is { } ar ? $"{Formats.Percent(ar)}/{Formats.Percent(row.BestAccuracyFake!.Value)}" : "-");
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var row in Rows.Where(r => r.BestGrid is not null))
            AnsiConsole.MarkupLine(Markup.Escape($"{ShortName(row.Run)} grid: {row.BestGrid}"));
        AnsiConsole.MarkupLine("[grey]best checkpoint: the one whose discriminator is nearest chance (50%) on real and fake[/]");
    }

    /// <summary>"r003" for "lr-sweep-20261127-120000-r003": the experiment is the same on every row.</summary>
    static string ShortName(string runId) => runId[(runId.LastIndexOf('-') + 1)..];

    static double Value(RunSnapshot run, string key) => run.Spec.Config.FirstOrDefault(p => p.Key == key).Value;

    static string Locate(string? root, string relative) => root is null ? relative : ArtifactPaths.Resolve(root, relative);
}

internal sealed record RunComparisonRow(
    string Run, RunStatus Status, IReadOnlyDictionary<string, double> Hyperparameters, long Step, long TotalSteps,
    double? D1, double? D2, double? G, double? BestG,
    long? BestCheckpointStep, double? BestAccuracyReal, double? BestAccuracyFake, string? BestCheckpoint, string? BestGrid,
    string? Reason);
