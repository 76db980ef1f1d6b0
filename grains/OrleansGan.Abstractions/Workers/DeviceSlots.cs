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

    /// <summary>Slots still open on a device: none once its GPU shares add up to one.</summary>
    public static int Free(WorkerCapacity capacity, IReadOnlyCollection<double> sharesOnDevice) =>
        capacity.Kind == DeviceKind.Cuda && sharesOnDevice.Sum() >= 1 - Tolerance
            ? 0
            : Math.Max(0, capacity.SlotsPerDevice - sharesOnDevice.Count);

    public static DeviceKind KindFor(double gpus) => gpus > 0 ? DeviceKind.Cuda : DeviceKind.Cpu;
}
