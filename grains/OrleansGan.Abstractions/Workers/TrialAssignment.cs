using OrleansGan.Runs;

namespace OrleansGan.Workers;

/// <summary>One attempt at a run, handed to a worker. Resume tells it to continue from the run's last checkpoint.</summary>
[GenerateSerializer, Immutable, Alias("TrialAssignment")]
public sealed record TrialAssignment(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] RunSpec Spec,
    [property: Id(3)] bool Resume);
