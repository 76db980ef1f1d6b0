using System.Text.Json.Serialization;
using OrleansGan.Leaderboards;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>A leaderboard as the CLI shows it: the best-scored runs on one data set, across experiments.</summary>
/// <param name="StoredPaths">The artifact root is unknown here: checkpoint and grid paths are as stored, under it.</param>
internal sealed record TopRuns(string DataSet, string Metric, IReadOnlyList<TopRunRow> Runs, [property: JsonIgnore] bool StoredPaths)
{
    public static TopRuns Of(LeaderboardId board, IReadOnlyList<LeaderboardEntry> entries, string? artifactRoot)
    {
        var ranks = Ranks.Competition(entries.Select(e => (double?)e.Score).ToList());
        return new TopRuns(board.DataSet, board.Metric, entries.Select((e, i) => new TopRunRow(
            ranks[i]!.Value, e.RunId, e.ExperimentId, e.Score, e.Checkpoint.Step, e.Checkpoint.Epoch, e.Hyperparameters.ToDictionary(),
            ArtifactLocation.Of(artifactRoot, e.Checkpoint.Path), ArtifactLocation.Of(artifactRoot, e.Checkpoint.GridPath), e.Checkpoint.WrittenAt)).ToList(), artifactRoot is null);
    }

    public void Render()
    {
        var table = new Table()
            .Title(Markup.Escape($"{DataSet}: best {Metric} (lower is better)"))
            .AddColumn("#").AddColumn(new TableColumn("run").NoWrap()).AddColumn(Metric).AddColumn("step").AddColumn("hyperparameters").AddColumn("written");
        foreach (var row in Runs)
            table.AddRow(new[]
            {
                row.Rank.ToString(), row.Run, Formats.Number(row.Score), row.Step.ToString(), Formats.Parameters(row.Hyperparameters), Formats.Time(row.WrittenAt),
            }.Select(Markup.Escape).ToArray());
        AnsiConsole.Write(table);
        foreach (var row in Runs) AnsiConsole.MarkupLine(Markup.Escape($"{row.Run} grid: {row.Grid}"));
        if (StoredPaths && Runs.Count > 0) ArtifactLocation.SayWhereStoredPathsAre();
    }
}

/// <param name="Rank">1 for the best score; equal scores share a rank.</param>
internal sealed record TopRunRow(
    int Rank, string Run, string Experiment, double Score, long Step, int Epoch, IReadOnlyDictionary<string, double> Hyperparameters,
    string Checkpoint, string Grid, DateTimeOffset WrittenAt);
