using OrleansGan.Runs;

namespace OrleansGan.Experiments;

/// <summary>An experiment's view of one of its runs.</summary>
[GenerateSerializer, Immutable, Alias("ExperimentRun")]
public sealed record ExperimentRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Index,
    [property: Id(2)] RunStatus Status,
    [property: Id(3)] bool Started);
