using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

[GenerateSerializer, Immutable, Alias("ExperimentSnapshot")]
public sealed record ExperimentSnapshot(
    [property: Id(0)] ExperimentEntry Entry,
    [property: Id(1)] SweepDefinition Sweep,
    [property: Id(2)] IReadOnlyList<ExperimentRun> Runs);
