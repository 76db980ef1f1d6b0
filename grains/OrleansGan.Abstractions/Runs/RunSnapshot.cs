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
    /// <summary>The PBT exploits the run went through, oldest first.</summary>
    [Id(13)] public IReadOnlyList<LineageEntry> Lineage { get; init; } = [];

    public MetricPoint? Latest => History.Count > 0 ? History[^1] : null;

    public CheckpointRecord? LatestCheckpoint => Checkpoints.MaxBy(c => c.Step);

    /// <summary>
    /// The checkpoint with the best score by the run's objective metric (lowest; the earliest of equals). A run with no
    /// such score yet falls back to its latest checkpoint.
    /// </summary>
    public CheckpointRecord? BestCheckpoint => BestCheckpointBy(Spec.Objective.Metric);

    /// <summary>The best score by the run's objective metric; null when no checkpoint has one.</summary>
    public double? BestScore => BestScoreBy(Spec.Objective.Metric);

    /// <summary>The latest checkpoint's score by the run's objective metric; null when it has none.</summary>
    public double? LatestScore => CheckpointScores.ScoreOf(LatestCheckpoint, Spec.Objective.Metric);

    public CheckpointRecord? BestCheckpointBy(string metric) => CheckpointScores.Best(Checkpoints, metric) ?? LatestCheckpoint;

    public double? BestScoreBy(string metric) => CheckpointScores.ScoreOf(CheckpointScores.Best(Checkpoints, metric), metric);
}
