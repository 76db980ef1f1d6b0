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
/// no more than its capacity whatever the ledger says, and touches a run's files only once the run grain has confirmed
/// the attempt as the run's. When the silo stops (SIGTERM) it checkpoints every run and hands them back to be resumed
/// elsewhere, before the silo leaves the cluster.
/// </summary>
public sealed class TrainingWorker(
    IOptions<WorkerOptions> options,
    IOptions<OrleansGanOptions> cluster,
    IGrainFactory grains,
    RunTelemetry telemetry,
    ILogger<TrainingWorker> logger) : ITrialRunner, ILifecycleParticipant<ISiloLifecycle>
{
    readonly WorkerOptions _options = options.Value;
    readonly ConcurrentDictionary<string, Trial> _trials = new();
    readonly string _dataDirectory = cluster.Value.DataDirectory;
    readonly DatasetCache _datasets = new(cluster.Value.DataDirectory);
    /// <summary>Cancelled once the stop grace period is over: what has not reached its run grain by then never will from here.</summary>
    readonly CancellationTokenSource _gone = new();
    volatile bool _stopping;

    public string WorkerName => _options.Name;

    public WorkerCapacity Capacity { get; } = options.Value.Capacity;

    /// <summary>The most trials this worker has run at once, per experiment (for tests and the cluster view).</summary>
    public ConcurrentDictionary<string, int> PeakConcurrencyByExperiment { get; } = new();

    public IReadOnlyList<SlotGrant> RunningGrants => _trials.Values.Select(t => t.Grant).ToList();

    public void Start(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        lock (_trials)
        {
            if (_trials.ContainsKey(trialKey)) return;
            // Under the lock PreemptAll takes: no trial starts after it has listed those to checkpoint.
            if (_stopping) throw new NoFreeSlotException($"worker {WorkerName} is stopping");
            if (!DeviceSlots.Admits(Capacity, _trials.Values.Select(t => t.Grant), grant))
                throw new NoFreeSlotException($"worker {WorkerName} has no free {grant.Device} slot");
            var trial = new Trial(assignment, grant);
            _trials[trialKey] = trial;
            RecordConcurrency(assignment.Spec.ExperimentId);
            // Not in the calling grain's turn or request context: training would block the one and inherit the other.
            using (ExecutionContext.SuppressFlow())
                trial.Completion = Task.Run(() => Run(trialKey, trial));
        }
    }

    public void Cancel(string trialKey)
    {
        if (_trials.TryGetValue(trialKey, out var trial)) trial.Stop.Cancel();
    }

    public bool IsRunning(string trialKey) => _trials.ContainsKey(trialKey);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<TrainingWorker>(ServiceLifecycleStage.Active, _ => Task.CompletedTask, PreemptAll);

    /// <summary>
    /// Checkpoints every run and reports it pending (not failed), waiting at most the stop grace period; admits no trial after.
    /// Runs when the silo stops; a host that stops its own embedded silo calls it first, while the silo still serves calls.
    /// </summary>
    public async Task PreemptAll(CancellationToken cancellation)
    {
        List<Trial> running;
        lock (_trials)
        {
            _stopping = true;
            running = _trials.Values.ToList();
        }
        if (running.Count > 0)
        {
            logger.LogInformation("Worker {Worker} stopping: checkpointing {Count} run(s)", WorkerName, running.Count);
            foreach (var trial in running)
            {
                trial.Preempted = true;
                trial.Stop.Cancel();
            }
            await Task.WhenAny(Task.WhenAll(running.Select(t => t.Completion ?? Task.CompletedTask)), Task.Delay(_options.StopGracePeriod, cancellation));
        }
        await _gone.CancelAsync();
    }

    /// <summary>Confirm, train, release the slot, then report the end (in that order: the slot is free when the next run asks).</summary>
    async Task Run(string trialKey, Trial trial)
    {
        var assignment = trial.Assignment;
        var reporter = new RunReporter(grains.GetGrain<IRunGrain>(assignment.RunId), trialKey, _dataDirectory,
            _options.ReportInterval, logger, onStale: () => AbandonUnlessStopping(trialKey, trial));
        var (outcome, error) = await Train(trial, reporter);
        _trials.TryRemove(trialKey, out _);
        try { await grains.GetGrain<ISlotLedgerGrain>(0).Release(trialKey); }
        catch (Exception e) { logger.LogDebug(e, "Trial {Trial}: could not release its slot; the next sync will", trialKey); }
        try { await reporter.FinishAsync(outcome, error, _gone.Token); }
        catch (OperationCanceledException) { logger.LogWarning("Run {Run}: its end was not reported before the worker stopped; its grain will notice", assignment.RunId); }
    }

    async Task<(RunStatus Outcome, string? Error)> Train(Trial trial, RunReporter reporter)
    {
        var assignment = trial.Assignment;
        try
        {
            if (!await reporter.ConfirmAsync(trial.Stop.Token)) return (RunStatus.Cancelled, null);
            using var metrics = telemetry.Track(assignment.Spec.ExperimentId, assignment.RunId);
            var request = RequestFor(trial);
            var observer = new CompositeObserver(reporter, metrics);
            // A thread of its own for the whole attempt, not one of the pool's.
            var result = await Task.Factory.StartNew(() => _options.Isolation == TrialIsolation.Process
                    ? ChildProcessTrial.Run(_options.TrialCommand ?? ChildProcessTrial.OwnCommand(), request, observer, trial.Stop.Token, trial.Abandon.Token)
                    : request.Train(_datasets.Get(request.DatasetDirectory), observer, trial.Stop.Token, trial.Abandon.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return (Outcome(result, trial), null);
        }
        catch (OperationCanceledException) when (trial.Stop.IsCancellationRequested)
        {
            // Stopped before the run grain could be reached: nothing was trained or written.
            return (Outcome(TrainingOutcome.Cancelled, trial), null);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {Run} attempt {Attempt} failed", assignment.RunId, assignment.Attempt);
            return (RunStatus.Failed, e.Message);
        }
    }

    static RunStatus Outcome(TrainingOutcome result, Trial trial) =>
        result == TrainingOutcome.Completed ? RunStatus.Completed
        : trial.Preempted ? RunStatus.Pending
        : RunStatus.Cancelled;

    TrialRequest RequestFor(Trial trial)
    {
        var spec = trial.Assignment.Spec;
        var adopt = trial.Assignment.Adopt is { } exploit
            ? new AdoptedCheckpoint(exploit.Exploit.Donor, ArtifactPaths.Resolve(_dataDirectory, exploit.DonorCheckpoint.Path),
                exploit.DonorCheckpoint.Step, exploit.DonorCheckpoint.Sha256, trial.Assignment.StreamSeed, exploit.Exploit.OldValues, exploit.Exploit.NewValues)
            : null;
        return new TrialRequest(spec.Config, _datasets.Directory(spec.Data), trial.Grant.Device,
            ArtifactPaths.Resolve(_dataDirectory, spec.ArtifactDirectory),
            trial.Assignment.ResumeFrom.Select(c => new ResumePoint(c.Step, c.Sha256)).ToList(), _options.LibTorchDirectory)
        {
            Objective = spec.Objective.ForTrainer(),
            Adopt = adopt,
        };
    }

    void RecordConcurrency(string experimentId)
    {
        var running = _trials.Values.Count(t => t.Assignment.Spec.ExperimentId == experimentId);
        PeakConcurrencyByExperiment.AddOrUpdate(experimentId, running, (_, peak) => Math.Max(peak, running));
    }

    /// <summary>
    /// A run cancelled or stopped by its scheduler while it trains answers its trial's reports as stale at once; the trial,
    /// told to stop, still writes the checkpoint stopping promises, and nothing is wrong. Any other stale answer means
    /// another attempt owns the run directory now.
    /// </summary>
    void AbandonUnlessStopping(string trialKey, Trial trial)
    {
        if (trial.Stop.IsCancellationRequested)
        {
            logger.LogDebug("Trial {Trial}: its run has ended it; it writes its stop checkpoint", trialKey);
            return;
        }
        logger.LogWarning("Trial {Trial}: its run grain has moved on to another attempt; stopping it", trialKey);
        trial.Abandon.Cancel();
    }

    sealed class Trial(TrialAssignment assignment, SlotGrant grant)
    {
        public TrialAssignment Assignment { get; } = assignment;
        public SlotGrant Grant { get; } = grant;
        /// <summary>Checkpoint, then stop (cancelled, or preempted when the worker stops).</summary>
        public CancellationTokenSource Stop { get; } = new();
        /// <summary>Stop without writing anything more: the run grain has moved on to another attempt.</summary>
        public CancellationTokenSource Abandon { get; } = new();
        public volatile bool Preempted;
        public Task? Completion;
    }
}
