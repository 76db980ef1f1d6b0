using OrleansGan.Runs;

namespace OrleansGan.Leaderboards;

/// <summary>A run's best checkpoint by a leaderboard's metric, and that checkpoint's <see cref="Score"/> by it.</summary>
[GenerateSerializer, Immutable, Alias("LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] IReadOnlyList<KeyValuePair<string, double>> Hyperparameters,
    [property: Id(3)] double Score,
    [property: Id(4)] CheckpointRecord Checkpoint);
