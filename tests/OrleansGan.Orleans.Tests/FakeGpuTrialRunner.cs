using System.Collections.Concurrent;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A stand-in for a GPU worker's trainer (there is no GPU here): it admits trials by the same device rule as the real
/// worker, reports a few steps to the run grain, and finishes when the test opens its gate. It records what each
/// device held at once, so a test can prove no slot was over-committed.
/// </summary>
sealed class FakeGpuTrialRunner(IGrainFactory grains, WorkerCapacity capacity) : ITrialRunner
{
    public const int Steps = 5;
    readonly ConcurrentDictionary<string, SlotGrant> _running = new();
    readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string WorkerName => "fake-gpu-worker";
    public ConcurrentBag<string> RunsSeen { get; } = [];
    public int PeakTrials { get; private set; }
    public double PeakShareOnAnyDevice { get; private set; }
    public int PeakTrialsOnAnyDevice { get; private set; }
    public int Running => _running.Count;
    public IReadOnlyList<SlotGrant> RunningGrants => _running.Values.ToList();

    public void OpenGate() => _gate.TrySetResult();

    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        lock (_running)
        {
            if (_running.ContainsKey(trialKey)) return;
            if (!DeviceSlots.Admits(capacity, _running.Values, grant))
                throw new NoFreeSlotException($"{WorkerName} has no free {grant.Device} slot");
            _running[trialKey] = grant;
            RunsSeen.Add(assignment.RunId);
            var device = _running.Values.Where(g => g.DeviceIndex == grant.DeviceIndex).ToList();
            PeakTrials = Math.Max(PeakTrials, _running.Count);
            PeakTrialsOnAnyDevice = Math.Max(PeakTrialsOnAnyDevice, device.Count);
            PeakShareOnAnyDevice = Math.Max(PeakShareOnAnyDevice, device.Sum(g => g.Gpus));
        }
        _ = Task.Run(() => Train(trialKey, assignment));
    }

    public void Cancel(string trialKey) => _running.TryRemove(trialKey, out _);
    public bool IsRunning(string trialKey) => _running.ContainsKey(trialKey);

    /// <summary>The real worker's order: started, steps, then at the end the slot's release before the report.</summary>
    async Task Train(string trialKey, TrialAssignment assignment)
    {
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var points = Enumerable.Range(1, Steps).Select(s => new MetricPoint(s, 1, 0.7, 0.7, 0.7, 0.01, 1000)).ToList();
        await run.ReportStarted(trialKey, 0, Steps);
        await run.ReportProgress(trialKey, points);
        await _gate.Task;
        _running.TryRemove(trialKey, out _);
        await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey);
        await run.ReportFinished(trialKey, RunStatus.Completed, null);
    }
}
