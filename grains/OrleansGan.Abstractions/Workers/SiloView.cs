namespace OrleansGan.Workers;

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
