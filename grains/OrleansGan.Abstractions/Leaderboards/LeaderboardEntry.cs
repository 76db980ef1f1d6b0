namespace OrleansGan.Leaderboards;

/// <summary>A run's best checkpoint by a leaderboard's metric. Paths are relative to the artifact root.</summary>
[GenerateSerializer, Immutable, Alias("LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] string RunId,
    [property: Id(1)] string ExperimentId,
    [property: Id(2)] double Score,
    [property: Id(3)] long Step,
    [property: Id(4)] int Epoch,
    [property: Id(5)] IReadOnlyList<KeyValuePair<string, double>> Hyperparameters,
    [property: Id(6)] string CheckpointPath,
    [property: Id(7)] string GridPath,
    [property: Id(8)] DateTimeOffset WrittenAt);
