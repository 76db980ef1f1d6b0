using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A worker that trains nothing: each attempt reports its steps and one checkpoint scored by <paramref name="score"/>
/// (by run index), then ends as the real worker ends; attempts of runs the test holds wait until it lets them go.
/// </summary>
sealed class InstantTrialRunner(IGrainFactory grains, Func<int, double> score) : ITrialRunner
{
    public const string Metric = QualityMetrics.Swd;
    readonly ConcurrentDictionary<string, SlotGrant> _running = new();
    readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string WorkerName => "instant-worker";
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.ToList();
    public ConcurrentQueue<string> Started { get; } = [];

    /// <summary>Attempts of runs at or past this index wait for <see cref="Release"/> before they end.</summary>
    public int HoldFrom { get; set; } = int.MaxValue;

    public void Release() => _release.TrySetResult();

    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        if (!_running.TryAdd(trialKey, grant)) return;
        Started.Enqueue(assignment.RunId);
        _ = Task.Run(() => Train(trialKey, assignment));
    }

    public void Cancel(string trialKey) => _running.TryRemove(trialKey, out _);
    public bool IsRunning(string trialKey) => _running.ContainsKey(trialKey);

    async Task Train(string trialKey, TrialAssignment assignment)
    {
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var index = assignment.Spec.Index;
        await run.ReportStarted(trialKey, 0, 2);
        await run.ReportProgress(trialKey, [Point(1), Point(2)]);
        await run.ReportCheckpoint(trialKey, new CheckpointRecord(2, 1, "checkpoint.bin", new string('0', 64), 0.5, 0.5, "grid.png", DateTimeOffset.UtcNow)
        {
            Scores = ImmutableDictionary<string, double>.Empty.Add(Metric, score(index)),
        });
        if (index >= HoldFrom) await _release.Task;
        if (!_running.TryRemove(trialKey, out _)) return;
        await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
        await run.ReportFinished(trialKey, RunStatus.Completed, null);
    }

    static MetricPoint Point(long step) => new(step, 1, 0.7, 0.7, 0.7, 0.01, 1000);
}
