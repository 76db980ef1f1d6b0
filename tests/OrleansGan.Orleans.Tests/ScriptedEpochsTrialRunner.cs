using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Trainer;
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
/// <remarks>
/// Given an artifact root, it writes each checkpoint as a real (tiny) checkpoint file there, and carries out a PBT exploit
/// as the real worker does: the donor's file copied into the run's directory by <see cref="CheckpointAdoption"/>, and the
/// attempt going on from the copied step. <paramref name="beforeEpoch"/> lets a test order the runs' reports.
/// </remarks>
sealed class ScriptedEpochsTrialRunner(IGrainFactory grains, Func<TrialAssignment, EpochScript> script, string? artifactRoot = null,
    Func<string, TrialAssignment, int, Task>? beforeEpoch = null, Action<string, int>? afterEpoch = null) : ITrialRunner
{
    public const int StepsPerEpoch = 10;
    readonly ConcurrentDictionary<string, SlotGrant> _running = new();
    readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

    public string WorkerName => "scripted-epochs-worker";
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.ToList();

    /// <summary>Runs whose attempts this worker started, in order.</summary>
    public ConcurrentQueue<string> Started { get; } = [];

    /// <summary>Every attempt's assignment, in the order they started.</summary>
    public ConcurrentQueue<TrialAssignment> Assignments { get; } = [];

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
        Assignments.Enqueue(assignment);
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
        var from = assignment.Adopt is { } adopt ? Adopt(assignment, adopt)
            : retryFromStart ? 0 : assignment.ResumeFrom.Select(c => c.Step).DefaultIfEmpty().Max();
        await run.ReportStarted(trialKey, from, plan.Scores.Length * StepsPerEpoch);
        for (var epoch = (int)(from / StepsPerEpoch) + 1; epoch <= plan.Scores.Length; epoch++)
        {
            if (beforeEpoch is not null) await beforeEpoch(trialKey, assignment, epoch);
            if (!_running.ContainsKey(trialKey))
            {
                await End(trialKey, run, RunStatus.Cancelled, null);
                return;
            }
            var step = (long)epoch * StepsPerEpoch;
            await run.ReportProgress(trialKey, Enumerable.Range(1, StepsPerEpoch)
                .Select(s => new MetricPoint(step - StepsPerEpoch + s, epoch, 0.6, 0.7, 0.8, 0.01, 1000)).ToList());
            var directory = $"{assignment.Spec.ArtifactDirectory}/checkpoints/step-{step}";
            var path = $"{directory}/checkpoint.bin";
            await run.ReportCheckpoint(trialKey, new CheckpointRecord(step, epoch, path, WriteCheckpoint(assignment, path, step, epoch), 0.5, 0.5,
                $"{assignment.Spec.ArtifactDirectory}/samples/e{epoch:D3}.png", DateTimeOffset.UtcNow)
            {
                Scores = ImmutableDictionary<string, double>.Empty.Add(assignment.Spec.Objective.Metric, plan.Scores[epoch - 1]),
                AtSummaryEpoch = true,
            });
            afterEpoch?.Invoke(assignment.RunId, epoch);
            if (assignment.Attempt == 1 && plan.FailAfterEpoch == epoch)
            {
                await End(trialKey, run, RunStatus.Failed, $"scripted failure after epoch {epoch}");
                return;
            }
        }
        await End(trialKey, run, RunStatus.Completed, null);
    }

    /// <summary>A real checkpoint file (its header and the run's id) when the runner has an artifact root; else a made-up hash.</summary>
    string WriteCheckpoint(TrialAssignment assignment, string path, long step, int epoch)
    {
        if (artifactRoot is null) return new string('0', 64);
        var header = new CheckpointHeader(CheckpointHeader.CurrentFormat, step, epoch, assignment.Spec.Config.ToDictionary(), DateTimeOffset.UtcNow);
        return CheckpointFile.Write(ArtifactPaths.Resolve(artifactRoot, path), header, writer => writer.Write(assignment.RunId));
    }

    /// <returns>The step the attempt goes on from: the donor's.</returns>
    long Adopt(TrialAssignment assignment, ExploitOrder exploit)
    {
        var donor = exploit.DonorCheckpoint;
        if (artifactRoot is not null)
            CheckpointAdoption.Copy(new AdoptedCheckpoint(exploit.Exploit.Donor, ArtifactPaths.Resolve(artifactRoot, donor.Path), donor.Step, donor.Sha256,
                    assignment.StreamSeed, exploit.Exploit.OldValues, exploit.Exploit.NewValues),
                new RunDirectory(ArtifactPaths.Resolve(artifactRoot, assignment.Spec.ArtifactDirectory)));
        return donor.Step;
    }

    /// <summary>Slot first, then the report, as the real worker does: the slot is free when the next run asks.</summary>
    async Task End(string trialKey, IRunGrain run, RunStatus outcome, string? error)
    {
        _running.TryRemove(trialKey, out _);
        await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
        await run.ReportFinished(trialKey, outcome, error);
    }
}
