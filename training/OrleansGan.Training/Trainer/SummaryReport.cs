namespace OrleansGan.Training.Trainer;

/// <summary>What a summary produced: D's accuracy on fresh samples, a sample grid, a checkpoint and its quality scores.</summary>
public sealed record SummaryReport(
    long Step, int Epoch, double AccuracyReal, double AccuracyFake,
    string GridPath, string CheckpointPath, string CheckpointSha256)
{
    /// <summary>Sample-quality scores of this checkpoint by metric name (<see cref="Configuration.QualityMetrics"/>); lower is better.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();

    /// <summary>The parts of the scores, such as SWD per pyramid level (swd_32, swd_16); for metrics.jsonl, not ranked.</summary>
    public IReadOnlyDictionary<string, double> ScoreDetails { get; init; } = new Dictionary<string, double>();

    /// <summary>Seconds spent generating and scoring the images (0 when not scored).</summary>
    public double ScoreSeconds { get; init; }

    /// <summary>Taken at a summary the configuration schedules (every summary_every_epochs epochs, and the last step), not at a stop.</summary>
    public bool AtSummaryEpoch { get; init; }
}
