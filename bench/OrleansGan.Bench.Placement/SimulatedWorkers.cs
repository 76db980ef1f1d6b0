using System.Net;
using OrleansGan.Grains.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Bench.Placement;

/// <summary>
/// The silo directory the ledger sees: <paramref name="count"/> live CPU workers with <paramref name="slots"/> slots
/// each, standing in for worker silos (no process behind them; the fake trainer is the bench itself).
/// </summary>
sealed class SimulatedWorkers(int count, int slots) : ISiloDirectory
{
    public IReadOnlyList<SiloDescription> All { get; } = Enumerable.Range(0, count)
        .Select(i => new SiloDescription(
            SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.{i / 250}.{i % 250 + 1}"), 11111), 1),
            $"worker-{i:D3}", SiloRole.Worker, SiloStatus.Active, new WorkerCapacity(DeviceKind.Cpu, 1, slots)))
        .ToList();

    public IReadOnlyList<SiloDescription> Silos() => All;

    public SiloStatus StatusOf(SiloAddress silo) => All.Any(w => w.Address.Equals(silo)) ? SiloStatus.Active : SiloStatus.None;
}
