using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>The worker's slots as the gauges read them: the one place that knows how a worker counts its capacity.</summary>
internal sealed class WorkerSlots(TrainingWorker worker)
{
    public IReadOnlyList<SlotUsage> Usage()
    {
        var running = worker.RunningGrants;
        return [new SlotUsage(worker.Capacity.Kind.ToString().ToLowerInvariant(), running.Count, DeviceSlots.Free(worker.Capacity, running))];
    }
}
