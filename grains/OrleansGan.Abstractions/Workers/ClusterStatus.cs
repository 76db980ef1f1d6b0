namespace OrleansGan.Workers;

/// <summary>Every silo the cluster knows, and the runs that wait for a slot.</summary>
[GenerateSerializer, Immutable, Alias("ClusterStatus")]
public sealed record ClusterStatus(
    [property: Id(0)] IReadOnlyList<SiloView> Silos,
    [property: Id(1)] IReadOnlyList<UnplacedRun> Unplaced);
