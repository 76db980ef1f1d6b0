using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrleansGan.Runs;

namespace OrleansGan.Grains.Runs;

/// <summary>
/// Runs by status and experiment, counted over the run grains active in this silo, so that the sum over silos is the
/// cluster's. A run leaves the count when its grain is deactivated, i.e. after it has sat idle for the collection age.
/// </summary>
public static class RunStatusGauge
{
    public const string MeterName = "OrleansGan.Grains";

    static readonly Meter Meter = new(MeterName);
    static readonly ConcurrentDictionary<Grain, RunState> Active = new(ReferenceEqualityComparer.Instance);

    static RunStatusGauge() =>
        Meter.CreateObservableGauge("orleansgan.runs", Observe, "{run}", "Runs by status, per experiment, among the run grains active in this silo");

    /// <param name="state">
    /// The activation's state object itself: the collection thread may not go through IPersistentState (Orleans allows
    /// that only on the activation's own turns), and a run grain never replaces its state object once activated.
    /// </param>
    internal static void Track(Grain run, RunState state) => Active[run] = state;

    internal static void Forget(Grain run) => Active.TryRemove(run, out _);

    static IEnumerable<Measurement<int>> Observe()
    {
        var runs = Active.Values.Where(s => s.Spec is not null).Select(s => (s.Spec!.ExperimentId, s.Status)).ToList();
        foreach (var experiment in runs.Select(r => r.ExperimentId).Distinct())
            foreach (var status in Enum.GetValues<RunStatus>())
                yield return new Measurement<int>(runs.Count(r => r.ExperimentId == experiment && r.Status == status),
                    new KeyValuePair<string, object?>("experiment", experiment),
                    new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
    }
}
