using System.Diagnostics.Metrics;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>A worker's busy and free slots per device kind.</summary>
internal sealed class SlotTelemetry
{
    public SlotTelemetry(IMeterFactory meters, WorkerSlots slots)
    {
        var meter = meters.Create(WorkerMeter.Name);
        meter.CreateObservableUpDownCounter("orleansgan.worker.slots.busy", () => Measure(slots, s => s.Busy), "{slot}", "Slots training a run");
        meter.CreateObservableUpDownCounter("orleansgan.worker.slots.free", () => Measure(slots, s => s.Free), "{slot}", "Slots open for a run");
    }

    static IEnumerable<Measurement<int>> Measure(WorkerSlots slots, Func<SlotUsage, int> count) =>
        slots.Usage().Select(s => new Measurement<int>(count(s), new KeyValuePair<string, object?>("device_kind", s.DeviceKind)));
}
