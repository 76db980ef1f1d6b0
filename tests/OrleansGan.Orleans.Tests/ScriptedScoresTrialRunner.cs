using System.Collections.Concurrent;
using System.Collections.Immutable;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A stand-in for the trainer that reports scripted quality scores, so ranking can be tested before and apart from real
/// scoring: per run, one summary checkpoint every <see cref="StepsPerCheckpoint"/> steps for each scripted score (null:
/// a checkpoint without a score), scored by the run's objective metric; then the run completes. Everything it reports
/// goes through the real run grains (and from them to the leaderboards).
/// </summary>
sealed class ScriptedScoresTrialRunner(IGrainFactory grains, Func<TrialAssignment, IReadOnlyList<double?>> script) : ITrialRunner
{
    public const int StepsPerCheckpoint = 10;
    readonly ConcurrentDictionary<string, SlotGrant> _running = new();

    public string WorkerName => "scripted-worker";
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.ToList();

    /// <summary>Takes what the slot ledger grants: its experiments run one at a time, well within the ledger's count.</summary>
    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        if (_running.TryAdd(trialKey, grant)) _ = Task.Run(() => Train(trialKey, assignment));
    }

    public void Cancel(string trialKey) => _running.TryRemove(trialKey, out _);
    public bool IsRunning(string trialKey) => _running.ContainsKey(trialKey);

    async Task Train(string trialKey, TrialAssignment assignment)
    {
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var scores = script(assignment);
        var totalSteps = scores.Count * StepsPerCheckpoint;
        for (var i = 0; i < scores.Count; i++)
        {
            var step = (i + 1L) * StepsPerCheckpoint;
            await run.ReportProgress(assignment.Attempt, totalSteps, [new MetricPoint(step, i + 1, 0.6, 0.7, 0.8, 0.01, 1000)]);
            var directory = $"{assignment.Spec.ArtifactDirectory}/checkpoints/step-{step}";
            await run.ReportCheckpoint(assignment.Attempt, new CheckpointRecord(
                step, i + 1, $"{directory}/checkpoint.bin", new string('0', 64), 0.5, 0.5, $"{assignment.Spec.ArtifactDirectory}/samples/e{i + 1:D3}.png",
                DateTimeOffset.UtcNow)
            {
                Scores = scores[i] is { } score
                    ? ImmutableDictionary<string, double>.Empty.Add(assignment.Spec.Objective.Metric, score)
                    : ImmutableDictionary<string, double>.Empty,
            });
        }
        _running.TryRemove(trialKey, out _);
        await run.ReportFinished(assignment.Attempt, RunStatus.Completed, null);
        await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
    }
}
