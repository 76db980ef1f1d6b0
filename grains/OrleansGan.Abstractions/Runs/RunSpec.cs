using OrleansGan.Sweeps;

namespace OrleansGan.Runs;

/// <summary>What a run trains: one variant of an experiment.</summary>
[GenerateSerializer, Immutable, Alias("RunSpec")]
public sealed record RunSpec(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] int Index,
    [property: Id(2)] IReadOnlyList<KeyValuePair<string, double>> Hyperparameters,
    [property: Id(3)] IReadOnlyList<KeyValuePair<string, double>> Config,
    [property: Id(4)] DataSource Data,
    [property: Id(5)] double GpusPerTrial,
    [property: Id(6)] int MaxFailures,
    [property: Id(7)] string ArtifactDirectory);
