using OrleansGan.Workers;

namespace OrleansGan.Grains.Placement;

public sealed record SiloDescription(SiloAddress Address, string Name, SiloRole Role, SiloStatus Status, WorkerCapacity? Capacity)
{
    public bool IsLiveWorker => Status == SiloStatus.Active && Capacity is not null && Role.HostsWorker();
}
