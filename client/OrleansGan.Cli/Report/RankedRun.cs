using OrleansGan.Runs;

namespace OrleansGan.Cli.Report;

/// <summary>A run in the report's order, with the checkpoint it is judged by and its objective scores.</summary>
internal sealed record RankedRun(int Rank, RunSnapshot Run, string Label, CheckpointRecord? Best, double? BestScore, double? LastScore)
{
    /// <summary>The element id of the run's samples on the page.</summary>
    public string Anchor => $"run-{Label}";
}
