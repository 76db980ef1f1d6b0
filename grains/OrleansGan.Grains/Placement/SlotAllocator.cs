using OrleansGan.Workers;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Picks a slot: among live workers of the kind a run needs, the least loaded (share of its slots busy) first, and on
/// it the least used device that still fits the run's GPU share.
/// </summary>
public static class SlotAllocator
{
    public static SlotGrant? Allocate(string trialKey, double gpus, IReadOnlyList<SiloDescription> workers,
        IReadOnlyCollection<SlotGrant> grants, DateTimeOffset now)
    {
        var kind = DeviceSlots.KindFor(gpus);
        var busy = grants.CountBy(g => g.Silo).ToDictionary();
        var sharesByDevice = grants.ToLookup(g => (g.Silo, g.DeviceIndex), g => g.Gpus);
        var candidates = workers
            .Where(w => w.IsLiveWorker && w.Capacity!.Kind == kind)
            .OrderBy(w => (double)busy.GetValueOrDefault(w.Address) / Math.Max(1, w.Capacity!.TotalSlots))
            .ThenBy(w => w.Name, StringComparer.Ordinal);
        foreach (var worker in candidates)
        {
            var capacity = worker.Capacity!;
            var device = Enumerable.Range(0, capacity.Devices)
                .Select(d => (Index: d, Shares: sharesByDevice[(worker.Address, d)].ToList()))
                .Where(d => DeviceSlots.Fits(capacity, d.Shares, gpus))
                .OrderBy(d => d.Shares.Sum())
                .ThenBy(d => d.Shares.Count)
                .Select(d => (int?)d.Index)
                .FirstOrDefault();
            if (device is { } index)
                return new SlotGrant(trialKey, worker.Address, worker.Name, kind, index, gpus, now);
        }
        return null;
    }

    /// <summary>Why <see cref="Allocate"/> found nothing, in words for `runs show` and `cluster status`.</summary>
    public static string WhyNoSlot(double gpus, IReadOnlyList<SiloDescription> workers, IReadOnlyCollection<SlotGrant> grants)
    {
        var kind = DeviceSlots.KindFor(gpus);
        var ofKind = workers.Where(w => w.IsLiveWorker && w.Capacity!.Kind == kind).ToList();
        var what = kind == DeviceKind.Cpu ? "CPU slot" : $"slot with {gpus:0.###} of a GPU free";
        if (ofKind.Count == 0)
            return kind == DeviceKind.Cpu
                ? "waiting for a slot: no live worker trains on CPU"
                : $"waiting for a slot: no live worker has a GPU ({gpus:0.###} GPU per trial asked)";
        var silos = ofKind.Select(w => w.Address).ToHashSet();
        var busy = grants.Count(g => silos.Contains(g.Silo));
        return $"waiting for a slot: no {what} on the {ofKind.Count} {kind.ToString().ToLowerInvariant()} worker(s) ({busy} of {ofKind.Sum(w => w.Capacity!.TotalSlots)} slots busy)";
    }
}
