using System.Net;
using OrleansGan.Grains.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

public class SlotAllocatorTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    static readonly SiloDescription CpuA = Worker(1, "cpu-a", new WorkerCapacity(DeviceKind.Cpu, 1, 4));
    static readonly SiloDescription CpuB = Worker(2, "cpu-b", new WorkerCapacity(DeviceKind.Cpu, 1, 4));
    static readonly SiloDescription Gpu = Worker(3, "gpu", new WorkerCapacity(DeviceKind.Cuda, 2, 4));

    [Fact]
    public void The_least_loaded_worker_of_the_right_kind_gets_the_slot()
    {
        var grants = new[] { Grant("r1#1", CpuA, 0, 0) };
        Assert.Equal("cpu-b", Allocate(0, [CpuA, CpuB, Gpu], grants)!.WorkerName);
        Assert.Equal("gpu", Allocate(0.5, [CpuA, CpuB, Gpu], grants)!.WorkerName);
        Assert.Null(Allocate(0.5, [CpuA, CpuB], []));
        Assert.Null(Allocate(0, [Gpu], []));
    }

    [Fact]
    public void Gpu_shares_on_a_device_never_add_up_past_one_and_the_emptier_device_is_chosen()
    {
        var grants = new[] { Grant("a#1", Gpu, 0, 0.5), Grant("b#1", Gpu, 0, 0.25), Grant("c#1", Gpu, 1, 1) };
        Assert.Equal(("gpu", 0), (Allocate(0.25, [Gpu], grants)!.WorkerName, Allocate(0.25, [Gpu], grants)!.DeviceIndex));
        Assert.Null(Allocate(0.5, [Gpu], grants));
        Assert.Equal(1, Allocate(0.5, [Gpu], [Grant("a#1", Gpu, 0, 0.5)])!.DeviceIndex);
        Assert.Equal("cuda:1", Allocate(1, [Gpu], [Grant("a#1", Gpu, 0, 0.25)])!.Device);
    }

    [Fact]
    public void A_device_holds_at_most_its_slots_however_small_the_shares()
    {
        var sixteenth = 1.0 / 16;
        var grants = Enumerable.Range(0, 8).Select(i => Grant($"r{i}#1", Gpu, i % 2, sixteenth)).ToList();
        Assert.Null(Allocate(sixteenth, [Gpu], grants));
        Assert.NotNull(Allocate(sixteenth, [Gpu], grants.Skip(1).ToList()));
    }

    [Fact]
    public void Dead_workers_get_nothing_and_the_reason_says_what_is_missing()
    {
        var dead = CpuA with { Status = SiloStatus.Dead };
        Assert.Null(Allocate(0, [dead], []));
        Assert.Equal("waiting for a slot: no live worker trains on CPU", SlotAllocator.WhyNoSlot(0, [dead], []));
        Assert.Equal("waiting for a slot: no live worker has a GPU (0.25 GPU per trial asked)", SlotAllocator.WhyNoSlot(0.25, [CpuA], []));
        var full = Enumerable.Range(0, 4).Select(i => Grant($"r{i}#1", CpuA, 0, 0)).ToList();
        Assert.Equal("waiting for a slot: no CPU slot on the 1 cpu worker(s) (4 of 4 slots busy)", SlotAllocator.WhyNoSlot(0, [CpuA], full));
    }

    static SlotGrant? Allocate(double gpus, IReadOnlyList<SiloDescription> workers, IReadOnlyCollection<SlotGrant> grants) =>
        SlotAllocator.Allocate("new#1", gpus, workers, grants, Now);

    static SlotGrant Grant(string trialKey, SiloDescription worker, int device, double gpus) =>
        new(trialKey, worker.Address, worker.Name, worker.Capacity!.Kind, device, gpus, Now);

    static SiloDescription Worker(int n, string name, WorkerCapacity capacity) =>
        new(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11000 + n), 1), name, SiloRole.Worker, SiloStatus.Active, capacity);
}
