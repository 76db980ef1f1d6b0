namespace OrleansGan.Training.Trainer;

/// <summary>What a summary produced: D's accuracy on fresh samples, a sample grid, a checkpoint and its quality scores.</summary>
public sealed record SummaryReport(
    long Step, int Epoch, double AccuracyReal, double AccuracyFake,
    string GridPath, string CheckpointPath, string CheckpointSha256)
{
    /// <summary>Sample-quality scores of this checkpoint by metric name (<see cref="Configuration.QualityMetrics"/>); lower is better.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();
}
