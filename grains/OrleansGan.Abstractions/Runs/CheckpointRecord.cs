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

    /// <summary>Equal fields and equal scores: a record's compiler-made equality would compare the dictionaries by reference.</summary>
    public bool Equals(CheckpointRecord? other) =>
        other is not null
        && (Step, Epoch, Path, Sha256, AccuracyReal, AccuracyFake, GridPath, WrittenAt, AtSummaryEpoch)
            == (other.Step, other.Epoch, other.Path, other.Sha256, other.AccuracyReal, other.AccuracyFake, other.GridPath, other.WrittenAt, other.AtSummaryEpoch)
        && Scores.Count == other.Scores.Count
        && Scores.All(score => other.Scores.TryGetValue(score.Key, out var value) && value.Equals(score.Value));

    public override int GetHashCode() => HashCode.Combine(Step, Path, Sha256, Scores.Count);
}
