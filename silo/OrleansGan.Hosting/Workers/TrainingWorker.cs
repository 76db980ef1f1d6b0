using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Training;
using OrleansGan.Workers;
using Device = TorchSharp.torch.Device;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// The worker: trains the runs this silo was given, each on its own thread, at most Slots at once.
/// On shutdown (SIGTERM) it checkpoints every run and hands them back to be resumed elsewhere.
/// </summary>
public sealed class TrainingWorker(
    IOptions<WorkerOptions> options,
    IGrainFactory grains,
    RunTelemetry telemetry,
    ILogger<TrainingWorker> logger) : ITrialRunner, IHostedService
{
    readonly WorkerOptions _options = options.Value;
    readonly ConcurrentDictionary<string, Trial> _trials = new();
    readonly Lazy<Device> _device = new(() => ResolveDevice(options.Value));
    readonly DatasetCache _datasets = new(options.Value.ArtifactRoot);
    volatile bool _stopping;

    public string WorkerName => _options.Name;

    /// <summary>The most trials this worker has run at once, per experiment (for tests and the cluster view).</summary>
    public ConcurrentDictionary<string, int> PeakConcurrencyByExperiment { get; } = new();

    public IReadOnlyCollection<string> RunningTrials => _trials.Keys.ToList();

    public void Start(string trialKey, TrialAssignment assignment)
    {
        if (_stopping) throw new NoFreeSlotException($"worker {WorkerName} is stopping");
        if (assignment.Spec.GpusPerTrial > 0 && _device.Value.type != TorchSharp.DeviceType.CUDA)
            throw new NoFreeSlotException($"run asks for {assignment.Spec.GpusPerTrial} GPU(s); worker {WorkerName} has none");
        lock (_trials)
        {
            if (_trials.ContainsKey(trialKey)) return;
            if (_trials.Count >= _options.Slots)
                throw new NoFreeSlotException($"all {_options.Slots} slot(s) of worker {WorkerName} are busy");
            var trial = new Trial(assignment);
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

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var running = _trials.Values.ToList();
        foreach (var trial in running)
        {
            trial.Preempted = true;
            trial.Cancellation.Cancel();
        }
        var all = Task.WhenAll(running.Select(t => t.Completion!));
        await Task.WhenAny(all, Task.Delay(_options.StopGracePeriod, cancellationToken));
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
            var spec = assignment.Spec;
            var job = new TrainingJob(RunConfigKeys.FromPairs(spec.Config), _datasets.Get(spec.Data), _device.Value,
                new RunDirectory(ArtifactPaths.Resolve(_options.ArtifactRoot, spec.ArtifactDirectory)));
            var result = job.Run(new CompositeObserver(reporter, metrics), assignment.Resume, checkpointOnCancel: true, trial.Cancellation.Token);
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
    }

    void RecordConcurrency(string experimentId)
    {
        var running = _trials.Values.Count(t => t.Assignment.Spec.ExperimentId == experimentId);
        PeakConcurrencyByExperiment.AddOrUpdate(experimentId, running, (_, peak) => Math.Max(peak, running));
    }

    static Device ResolveDevice(WorkerOptions options)
    {
        LibTorchDirectory.LoadConfigured(options.LibTorchDirectory);
        return TrainingDevice.Resolve(options.Device);
    }

    sealed class Trial(TrialAssignment assignment)
    {
        public TrialAssignment Assignment { get; } = assignment;
        public CancellationTokenSource Cancellation { get; } = new();
        public volatile bool Preempted;
        public Task? Completion;
    }
}
