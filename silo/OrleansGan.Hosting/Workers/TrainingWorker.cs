using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// The worker: trains the attempts placed on this silo, each on its own thread, on the device of its slot. It admits
/// no more than its capacity whatever the ledger says. When the silo stops (SIGTERM) it checkpoints every run and hands
/// them back to be resumed elsewhere, before the silo leaves the cluster.
/// </summary>
public sealed class TrainingWorker(
    IOptions<WorkerOptions> options,
    IGrainFactory grains,
    RunTelemetry telemetry,
    ILogger<TrainingWorker> logger) : ITrialRunner, ILifecycleParticipant<ISiloLifecycle>
{
    readonly WorkerOptions _options = options.Value;
    readonly ConcurrentDictionary<string, Trial> _trials = new();
    readonly DatasetCache _datasets = new(options.Value.ArtifactRoot);
    volatile bool _stopping;

    public string WorkerName => _options.Name;

    public WorkerCapacity Capacity { get; } = options.Value.Capacity;

    /// <summary>The most trials this worker has run at once, per experiment (for tests and the cluster view).</summary>
    public ConcurrentDictionary<string, int> PeakConcurrencyByExperiment { get; } = new();

    public IReadOnlyList<SlotGrant> RunningGrants => _trials.Values.Select(t => t.Grant).ToList();

    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        if (_stopping) throw new NoFreeSlotException($"worker {WorkerName} is stopping");
        lock (_trials)
        {
            if (_trials.ContainsKey(trialKey)) return;
            if (!DeviceSlots.Admits(Capacity, _trials.Values.Select(t => t.Grant), grant))
                throw new NoFreeSlotException($"worker {WorkerName} has no free {grant.Device} slot");
            var trial = new Trial(assignment, grant);
            _trials[trialKey] = trial;
            RecordConcurrency(assignment.Spec.ExperimentId);
            // TaskScheduler.Default: from inside a grain turn the current scheduler is the grain's, and training would block it.
            trial.Completion = Task.Factory.StartNew(() => Train(trialKey, trial), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    public void Cancel(string trialKey)
    {
        if (_trials.TryGetValue(trialKey, out var trial)) trial.Cancellation.Cancel();
    }

    public bool IsRunning(string trialKey) => _trials.ContainsKey(trialKey);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<TrainingWorker>(ServiceLifecycleStage.Active, _ => Task.CompletedTask, PreemptAll);

    /// <summary>Checkpoints every run and reports it pending (not failed), waiting at most the stop grace period.</summary>
    async Task PreemptAll(CancellationToken cancellation)
    {
        _stopping = true;
        var running = _trials.Values.ToList();
        if (running.Count == 0) return;
        logger.LogInformation("Worker {Worker} stopping: checkpointing {Count} run(s)", WorkerName, running.Count);
        foreach (var trial in running)
        {
            trial.Preempted = true;
            trial.Cancellation.Cancel();
        }
        var all = Task.WhenAll(running.Select(t => t.Completion!));
        await Task.WhenAny(all, Task.Delay(_options.StopGracePeriod, cancellation));
    }

    async Task Train(string trialKey, Trial trial)
    {
        var assignment = trial.Assignment;
        var run = grains.GetGrain<IRunGrain>(assignment.RunId);
        var reporter = new RunReporter(run, assignment.Attempt, _options.ArtifactRoot, _options.ReportInterval, logger);
        using var metrics = telemetry.Track(assignment.Spec.ExperimentId, assignment.RunId);
        RunStatus outcome;
        string? error = null;
        try
        {
            var request = RequestFor(trial);
            var observer = new CompositeObserver(reporter, metrics);
            var result = _options.Isolation == TrialIsolation.Process
                ? ChildProcessTrial.Run(_options.TrialCommand ?? ChildProcessTrial.OwnCommand(), request, observer, trial.Cancellation.Token)
                : request.Train(_datasets.Get(request.DatasetDirectory), observer, trial.Cancellation.Token);
            outcome = result == TrainingOutcome.Completed ? RunStatus.Completed
                : trial.Preempted ? RunStatus.Pending
                : RunStatus.Cancelled;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {Run} attempt {Attempt} failed", assignment.RunId, assignment.Attempt);
            outcome = RunStatus.Failed;
            error = e.Message;
        }
        finally
        {
            _trials.TryRemove(trialKey, out _);
        }

        try { await reporter.Finish(outcome, error); }
        catch (Exception e) { logger.LogWarning(e, "Run {Run}: could not report its end; its grain will notice the silence", assignment.RunId); }
        try { await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey); }
        catch (Exception e) { logger.LogDebug(e, "Trial {Trial}: could not release its slot; the next sync will", trialKey); }
    }

    TrialRequest RequestFor(Trial trial)
    {
        var spec = trial.Assignment.Spec;
        return new TrialRequest(spec.Config, _datasets.Directory(spec.Data), trial.Grant.Device,
            ArtifactPaths.Resolve(_options.ArtifactRoot, spec.ArtifactDirectory), trial.Assignment.Resume, _options.LibTorchDirectory)
        {
            Objective = spec.Objective.ForTrainer(),
        };
    }

    void RecordConcurrency(string experimentId)
    {
        var running = _trials.Values.Count(t => t.Assignment.Spec.ExperimentId == experimentId);
        PeakConcurrencyByExperiment.AddOrUpdate(experimentId, running, (_, peak) => Math.Max(peak, running));
    }

    sealed class Trial(TrialAssignment assignment, SlotGrant grant)
    {
        public TrialAssignment Assignment { get; } = assignment;
        public SlotGrant Grant { get; } = grant;
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile bool Preempted;
        public Task? Completion;
    }
}
