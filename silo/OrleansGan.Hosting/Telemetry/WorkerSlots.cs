using Microsoft.Extensions.Options;
using OrleansGan.Hosting.Workers;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>The worker's slots as the gauges read them: the one place that knows how a worker counts its capacity.</summary>
internal sealed class WorkerSlots(TrainingWorker worker, IOptions<WorkerOptions> options)
{
    public IReadOnlyList<SlotUsage> Usage()
    {
        var busy = worker.RunningTrials.Count;
        // "auto" is labelled cpu: resolving it would load libtorch before the worker's first run chooses which one.
        var kind = options.Value.Device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) ? "cuda" : "cpu";
        return [new SlotUsage(kind, busy, Math.Max(0, options.Value.Slots - busy))];
    }
}
