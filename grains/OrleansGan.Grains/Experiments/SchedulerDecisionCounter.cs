using System.Diagnostics.Metrics;
using OrleansGan.Experiments;
using OrleansGan.Grains.Runs;

namespace OrleansGan.Grains.Experiments;

/// <summary>The scheduler decisions each experiment grain made in this silo, by kind (stop, complete, exploit).</summary>
public static class SchedulerDecisionCounter
{
    static readonly Meter Meter = new(RunStatusGauge.MeterName);
    static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>("orleansgan.scheduler.decisions", "{decision}", "Scheduler decisions (stops, completions at ASHA's max_epochs, PBT exploits), per experiment");

    internal static void Add(string experimentId, SchedulerDecisionKind kind) =>
        Decisions.Add(1,
            new KeyValuePair<string, object?>("experiment", experimentId),
            new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
}
