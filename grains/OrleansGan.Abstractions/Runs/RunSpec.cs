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
    [property: Id(7)] string ArtifactDirectory)
{
    /// <summary>What the run is scored by at each summary, and ranked by.</summary>
    [Id(8)] public SweepObjective Objective { get; init; } = new();
}
