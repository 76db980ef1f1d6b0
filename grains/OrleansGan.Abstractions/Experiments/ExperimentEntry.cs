namespace OrleansGan.Experiments;

/// <summary>A catalog line: one experiment ever submitted.</summary>
[GenerateSerializer, Immutable, Alias("ExperimentEntry")]
public sealed record ExperimentEntry(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] int Runs,
    [property: Id(4)] ExperimentStatus Status,
    [property: Id(5)] DateTimeOffset SubmittedAt,
    [property: Id(6)] DateTimeOffset? FinishedAt);
