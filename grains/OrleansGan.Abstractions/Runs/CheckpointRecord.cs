using System.Collections.Immutable;

namespace OrleansGan.Runs;

/// <summary>A checkpoint that landed, with the summary taken with it. Paths are relative to the artifact root.</summary>
[GenerateSerializer, Immutable, Alias("CheckpointRecord")]
public sealed record CheckpointRecord(
    [property: Id(0)] long Step,
    [property: Id(1)] int Epoch,
    [property: Id(2)] string Path,
    [property: Id(3)] string Sha256,
    [property: Id(4)] double AccuracyReal,
    [property: Id(5)] double AccuracyFake,
    [property: Id(6)] string GridPath,
    [property: Id(7)] DateTimeOffset WrittenAt)
{
    /// <summary>Sample-quality scores by metric name (swd, fid, kid, ...); lower is better. Empty when not scored.</summary>
    [Id(8)] public ImmutableDictionary<string, double> Scores { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>
    /// Taken at one of the run's summary epochs (every summary_every_epochs, and the last), not where a stop or preemption
    /// found it: only these scores go to the experiment's scheduler.
    /// </summary>
    [Id(9)] public bool AtSummaryEpoch { get; init; }
}
