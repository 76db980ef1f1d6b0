using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// One run's script for <see cref="ScriptedEpochsTrialRunner"/>: its objective score at the end of each epoch (every epoch
/// a summary), and optionally a first attempt that fails after reporting epoch <see cref="FailAfterEpoch"/>, whose retry
/// finds no checkpoint it can use and trains again from the start.
/// </summary>
sealed record EpochScript(double[] Scores, int? FailAfterEpoch = null);

/// <summary>
/// A worker that trains nothing and reports what a scheduled run would: per epoch <see cref="StepsPerEpoch"/> steps and a
/// summary checkpoint scored by the script, resuming from the newest checkpoint its attempt is given. Cancelled (a user's
/// cancel, or the scheduler's stop), it stops before its next epoch, releases its slot and reports, as the real worker does.
/// </summary>
sealed class ScriptedEpochsTrialRunner(IGrainFactory grains, Func<TrialAssignment, EpochScript> script) : ITrialRunner
{
    public const int StepsPerEpoch = 10;
    readonly ConcurrentDictionary<string, SlotGrant> _running = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

    public string WorkerName => "scripted-epochs-worker";
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.ToList();

    /// <summary>Runs whose attempts this worker started, in order.</summary>
    public ConcurrentQueue<string> Started { get; } = [];

    /// <summary>Attempts of this run wait, once started, until <see cref="Release"/>.</summary>
    public void Hold(string runId) => _holds[runId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string runId)
    {
        if (_holds.TryRemove(runId, out var hold)) hold.TrySetResult();
    }

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
        if (_holds.TryGetValue(assignment.RunId, out var hold)) await hold.Task;
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var plan = script(assignment);
        var retryFromStart = plan.FailAfterEpoch is not null && assignment.Attempt > 1;
        var from = retryFromStart ? 0 : assignment.ResumeFrom.Select(c => c.Step).DefaultIfEmpty().Max();
        await run.ReportStarted(trialKey, from, plan.Scores.Length * StepsPerEpoch);
        for (var epoch = (int)(from / StepsPerEpoch) + 1; epoch <= plan.Scores.Length; epoch++)
        {
            if (!_running.ContainsKey(trialKey))
            {
                await End(trialKey, run, RunStatus.Cancelled, null);
                return;
            }
            var step = (long)epoch * StepsPerEpoch;
            await run.ReportProgress(trialKey, Enumerable.Range(1, StepsPerEpoch)
                .Select(s => new MetricPoint(step - StepsPerEpoch + s, epoch, 0.6, 0.7, 0.8, 0.01, 1000)).ToList());
            var directory = $"{assignment.Spec.ArtifactDirectory}/checkpoints/step-{step}";
            await run.ReportCheckpoint(trialKey, new CheckpointRecord(step, epoch, $"{directory}/checkpoint.bin", new string('0', 64), 0.5, 0.5,
                $"{assignment.Spec.ArtifactDirectory}/samples/e{epoch:D3}.png", DateTimeOffset.UtcNow)
            {
                Scores = ImmutableDictionary<string, double>.Empty.Add(assignment.Spec.Objective.Metric, plan.Scores[epoch - 1]),
                AtSummaryEpoch = true,
            });
            if (assignment.Attempt == 1 && plan.FailAfterEpoch == epoch)
            {
                await End(trialKey, run, RunStatus.Failed, $"scripted failure after epoch {epoch}");
                return;
            }
        }
        await End(trialKey, run, RunStatus.Completed, null);
    }

    /// <summary>Slot first, then the report, as the real worker does: the slot is free when the next run asks.</summary>
    async Task End(string trialKey, IRunGrain run, RunStatus outcome, string? error)
    {
        _running.TryRemove(trialKey, out _);
        await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
        await run.ReportFinished(trialKey, outcome, error);
    }
}
