namespace OrleansGan.Workers;

/// <summary>
/// The rule for one device: a CPU device holds SlotsPerDevice trials; a CUDA device holds up to SlotsPerDevice
/// trials whose GPU shares add up to at most one.
/// </summary>
public static class DeviceSlots
{
    const double Tolerance = 1e-6;

    public static bool Fits(WorkerCapacity capacity, IReadOnlyCollection<double> sharesOnDevice, double gpus)
    {
        if (sharesOnDevice.Count >= capacity.SlotsPerDevice) return false;
        return capacity.Kind == DeviceKind.Cpu || sharesOnDevice.Sum() + gpus <= 1 + Tolerance;
    }

    /// <summary>Whether a worker of this capacity that holds <paramref name="held"/> can take <paramref name="candidate"/> too.</summary>
    public static bool Admits(WorkerCapacity capacity, IEnumerable<SlotGrant> held, SlotGrant candidate) =>
        candidate.Kind == capacity.Kind && candidate.DeviceIndex < capacity.Devices
        && Fits(capacity, SharesOn(held, candidate.DeviceIndex), candidate.Gpus);

    /// <summary>Slots still open over all devices of a worker that holds <paramref name="held"/>.</summary>
    public static int Free(WorkerCapacity capacity, IReadOnlyCollection<SlotGrant> held) =>
        Enumerable.Range(0, capacity.Devices).Sum(device => FreeOn(capacity, SharesOn(held, device)));

    public static DeviceKind KindFor(double gpus) => gpus > 0 ? DeviceKind.Cuda : DeviceKind.Cpu;

    /// <summary>None once a CUDA device's shares add up to one.</summary>
    static int FreeOn(WorkerCapacity capacity, IReadOnlyCollection<double> sharesOnDevice) =>
        capacity.Kind == DeviceKind.Cuda && sharesOnDevice.Sum() >= 1 - Tolerance
            ? 0
            : Math.Max(0, capacity.SlotsPerDevice - sharesOnDevice.Count);

    static List<double> SharesOn(IEnumerable<SlotGrant> held, int device) =>
        held.Where(g => g.DeviceIndex == device).Select(g => g.Gpus).ToList();
}
