using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using OrleansGan.Workers;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// The worker's place in the silo, without training: each attempt takes <see cref="StepTime"/> per step, reports its
/// steps and one scored checkpoint to its run grain as the worker does, then ends the way the real worker does (the
/// slot back to the ledger, then the end to the run grain). It records when attempts start and end.
/// </summary>
sealed class SyntheticTrainer(IGrainFactory grains, WorkerCapacity capacity) : ITrialRunner
{
    public static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(50);
    readonly ConcurrentDictionary<string, (SlotGrant Grant, CancellationTokenSource Cancel)> _running = new();

    public string WorkerName => "synthetic";
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.Select(r => r.Grant).ToList();

    /// <summary>Stopwatch times (<see cref="Stopwatch.GetTimestamp"/>) of every attempt's start and end.</summary>
    public ConcurrentQueue<long> Starts { get; } = new();
    public ConcurrentQueue<long> Ends { get; } = new();
    public int Failures => _failures;
    int _failures;

    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        lock (_running)
        {
            if (_running.ContainsKey(trialKey)) return;
            if (!DeviceSlots.Admits(capacity, _running.Values.Select(r => r.Grant), grant))
                throw new NoFreeSlotException($"{WorkerName} has no free {grant.Device} slot");
            _running[trialKey] = (grant, new CancellationTokenSource());
        }
        Starts.Enqueue(Stopwatch.GetTimestamp());
        _ = Task.Run(() => Train(trialKey, assignment, _running[trialKey].Cancel.Token));
    }

    public void Cancel(string trialKey)
    {
        if (_running.TryGetValue(trialKey, out var trial)) trial.Cancel.Cancel();
    }

    public bool IsRunning(string trialKey) => _running.ContainsKey(trialKey);

    async Task Train(string trialKey, TrialAssignment assignment, CancellationToken cancellation)
    {
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var outcome = RunStatus.Completed;
        try
        {
            var steps = (long)assignment.Spec.Config.First(p => p.Key == "steps_per_epoch").Value;
            await run.ReportStarted(trialKey, 0, steps);
            var points = new List<MetricPoint>();
            for (var step = 1; step <= steps; step++)
            {
                await Task.Delay(StepTime, cancellation);
                points.Add(new MetricPoint(step, 1, 0.69, 0.69, 0.69, StepTime.TotalSeconds, 128 / StepTime.TotalSeconds));
            }
            await run.ReportProgress(trialKey, points);
            await run.ReportCheckpoint(trialKey, Checkpoint(assignment, steps));
        }
        catch (OperationCanceledException)
        {
            outcome = RunStatus.Cancelled;
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failures);
        }
        Ends.Enqueue(Stopwatch.GetTimestamp());
        _running.TryRemove(trialKey, out _);
        try
        {
            await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
            await run.ReportFinished(trialKey, outcome, null);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    /// <summary>A checkpoint record with a score that differs by run, so the experiment has best runs to rank.</summary>
    static CheckpointRecord Checkpoint(TrialAssignment assignment, long step)
    {
        var path = $"{assignment.Spec.ArtifactDirectory}/checkpoints/step-{step}";
        var score = 10 + (assignment.Spec.Index * 7919 % 1000) / 100.0;
        return new CheckpointRecord(step, 1, $"{path}/checkpoint.bin", new string('0', 64), 0.5, 0.5, $"{path}/grid.png", DateTimeOffset.UtcNow)
        {
            Scores = ImmutableDictionary<string, double>.Empty.Add(QualityMetrics.Swd, score),
        };
    }
}
