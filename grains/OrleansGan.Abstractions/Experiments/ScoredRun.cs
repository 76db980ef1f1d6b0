namespace OrleansGan.Experiments;

/// <summary>A run's best score by its sweep's objective (lower is better), and the step of the checkpoint that scored it.</summary>
[GenerateSerializer, Immutable, Alias("ScoredRun")]
public sealed record ScoredRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Index,
    [property: Id(2)] double Score,
    [property: Id(3)] long Step);
