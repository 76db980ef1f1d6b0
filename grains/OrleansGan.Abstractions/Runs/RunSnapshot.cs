namespace OrleansGan.Runs;

/// <summary>Everything a user sees of one run.</summary>
[GenerateSerializer, Immutable, Alias("RunSnapshot")]
public sealed record RunSnapshot(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunSpec Spec,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] string? StatusReason,
    [property: Id(4)] int Attempts,
    [property: Id(12)] int Failures,
    [property: Id(5)] long Step,
    [property: Id(6)] long TotalSteps,
    [property: Id(7)] IReadOnlyList<MetricPoint> History,
    [property: Id(8)] IReadOnlyList<CheckpointRecord> Checkpoints,
    [property: Id(9)] string? Worker,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt)
{
    public MetricPoint? Latest => History.Count > 0 ? History[^1] : null;

    /// <summary>The checkpoint whose discriminator is closest to chance on both real and fake (0.5/0.5).</summary>
    public CheckpointRecord? BestCheckpoint =>
        Checkpoints.OrderBy(c => Math.Abs(c.AccuracyReal - 0.5) + Math.Abs(c.AccuracyFake - 0.5)).ThenByDescending(c => c.Step).FirstOrDefault();
}
