namespace OrleansGan.Workers;

/// <summary>Every silo the cluster knows, and the runs that wait for a slot.</summary>
[GenerateSerializer, Immutable, Alias("ClusterStatus")]
public sealed record ClusterStatus(
    [property: Id(0)] IReadOnlyList<SiloView> Silos,
    [property: Id(1)] IReadOnlyList<UnplacedRun> Unplaced);

/// <summary>One silo: its role and membership status; for a worker its capacity, free slots and the trials it holds.</summary>
[GenerateSerializer, Immutable, Alias("SiloView")]
public sealed record SiloView(
    [property: Id(0)] string Name,
    [property: Id(1)] string Address,
    [property: Id(2)] SiloRole Role,
    [property: Id(3)] string Status,
    [property: Id(4)] WorkerCapacity? Capacity,
    [property: Id(5)] int FreeSlots,
    [property: Id(6)] IReadOnlyList<SlotGrant> Trials);

/// <summary>A run whose last placement found no slot, and why.</summary>
[GenerateSerializer, Immutable, Alias("UnplacedRun")]
public sealed record UnplacedRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] double Gpus,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset Since);
