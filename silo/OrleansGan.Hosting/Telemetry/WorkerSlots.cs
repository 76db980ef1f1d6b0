using Microsoft.Extensions.Options;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>The worker's slots as the gauges read them: the one place that knows how a worker counts its capacity.</summary>
internal sealed class WorkerSlots(TrainingWorker worker, IOptions<WorkerOptions> options)
{
    public IReadOnlyList<SlotUsage> Usage()
    {
        var capacity = options.Value.Capacity;
        var running = worker.RunningGrants;
        var free = Enumerable.Range(0, capacity.Devices)
            .Sum(d => DeviceSlots.Free(capacity, running.Where(g => g.DeviceIndex == d).Select(g => g.Gpus).ToList()));
        return [new SlotUsage(capacity.Kind.ToString().ToLowerInvariant(), running.Count, free)];
    }
}
