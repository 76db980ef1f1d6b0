using System.Diagnostics.Metrics;
using OrleansGan.Experiments;
using OrleansGan.Grains.Runs;

namespace OrleansGan.Grains.Experiments;

/// <summary>The scheduler decisions each experiment grain made in this silo, by kind (stop, complete, exploit, promote).</summary>
public static class SchedulerDecisionCounter
{
    static readonly Meter Meter = new(RunStatusGauge.MeterName);
    static readonly Counter<long> Decisions =
        Meter.CreateCounter<long>("orleansgan.scheduler.decisions", "{decision}", "Scheduler decisions (stops, ASHA's promotions and completions at max_epochs, PBT exploits), per experiment");

    internal static void Add(string experimentId, SchedulerDecisionKind kind) => Add(experimentId, kind, 1);

    /// <summary>
    /// Exports every kind at 0 before the first decision: Prometheus takes a series' first sample as its start, so a
    /// series first scraped at 1 never shows that first decision in increase().
    /// </summary>
    internal static void Start(string experimentId)
    {
        foreach (var kind in Enum.GetValues<SchedulerDecisionKind>()) Add(experimentId, kind, 0);
    }

    static void Add(string experimentId, SchedulerDecisionKind kind, long count) =>
        Decisions.Add(count,
            new KeyValuePair<string, object?>("experiment", experimentId),
            new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
}
