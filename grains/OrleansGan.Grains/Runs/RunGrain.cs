using Microsoft.Extensions.Logging;
using OrleansGan.Experiments;
using OrleansGan.Grains.Leaderboards;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Runs;

public sealed class RunGrain(
    [PersistentState("run", StorageNames.Default)] IPersistentState<RunState> state,
    ISiloDirectory silos,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    /// <summary>A running attempt that has reported nothing for this long is asked whether it still lives.</summary>
    public static readonly TimeSpan SilenceBeforeCheck = TimeSpan.FromSeconds(30);
    static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(10);
    static readonly TimeSpan PlacementRetry = TimeSpan.FromSeconds(5);

    RunState S => state.State;
    string RunId => this.GetPrimaryKeyString();
    IGrainTimer? _watch;
    IGrainTimer? _retry;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RunStatusGauge.Track(this, S);
        if (S.Status == RunStatus.Running) Watch();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        RunStatusGauge.Forget(this);
        return Task.CompletedTask;
    }

    public async Task Create(RunSpec spec)
    {
        if (S.Spec is not null) return;
        S.Spec = spec;
        S.Status = RunStatus.Pending;
        await state.WriteStateAsync();
    }

    public async Task Start()
    {
        var spec = S.Spec ?? throw new UnknownIdException($"run {RunId} was never created");
        if (S.Status.IsFinished() || S.Status == RunStatus.Running) return;

        var attempt = S.Attempts + 1;
        var resume = S.Checkpoints.Count > 0;
        var trialKey = TrialKey.For(RunId, attempt);
        var ledger = GrainFactory.GetGrain<ISlotLedgerGrain>(0);
        try
        {
            // The reservation is what the trial placement director follows when it places the trial grain.
            await ledger.Reserve(trialKey, spec.GpusPerTrial);
            var trial = await GrainFactory.GetGrain<ITrialGrain>(trialKey).Start(new TrialAssignment(RunId, attempt, spec, resume));
            S.Attempts = attempt;
            S.Status = RunStatus.Running;
            S.StatusReason = null;
            S.Worker = $"{trial.WorkerName} ({trial.Device})";
            S.TrialSilo = trial.Silo;
            S.StartedAt ??= DateTimeOffset.UtcNow;
            S.LastReportAt = DateTimeOffset.UtcNow;
            RewindToLastCheckpoint();
            await state.WriteStateAsync();
            Watch();
        }
        catch (Exception e) when (e is not UnknownIdException)
        {
            // Nothing trained yet, so not the run's failure: e.g. a worker that joined a moment ago and whose grains
            // the cluster does not know yet. Wait and place it again.
            await ledger.Release(trialKey);
            S.StatusReason = e is NoFreeSlotException ? e.Message : $"could not start on a worker: {e.Message}; retrying";
            await state.WriteStateAsync();
            RetryStartLater();
        }
    }

    public async Task Cancel()
    {
        if (S.Status.IsFinished()) return;
        if (S.Status == RunStatus.Running)
        {
            try { await GrainFactory.GetGrain<ITrialGrain>(TrialKey.For(RunId, S.Attempts)).Cancel(); }
            catch (Exception e) { logger.LogWarning(e, "Run {Run}: could not reach its trial to cancel it", RunId); }
        }
        await Finish(RunStatus.Cancelled, "cancelled");
    }

    public Task<RunSnapshot> GetSnapshot()
    {
        var spec = S.Spec ?? throw new UnknownIdException($"no run {RunId}");
        return Task.FromResult(new RunSnapshot(RunId, spec, S.Status, S.StatusReason, S.Attempts, S.Failures, S.Step, S.TotalSteps,
            S.History.ToList(), S.Checkpoints.ToList(), S.Worker, S.StartedAt, S.FinishedAt));
    }

    public async Task ReportProgress(int attempt, long totalSteps, IReadOnlyList<MetricPoint> points)
    {
        if (attempt != S.Attempts) return;
        S.LastReportAt = DateTimeOffset.UtcNow;
        S.TotalSteps = totalSteps;
        var fresh = points.Where(p => p.Step > S.Step).OrderBy(p => p.Step).ToList();
        if (fresh.Count > 0)
        {
            MetricHistory.Append(S.History, fresh);
            S.Step = fresh[^1].Step;
        }
        await state.WriteStateAsync();
    }

    public async Task ReportCheckpoint(int attempt, CheckpointRecord checkpoint)
    {
        if (attempt != S.Attempts || S.Checkpoints.Any(c => c.Step == checkpoint.Step)) return;
        S.LastReportAt = DateTimeOffset.UtcNow;
        S.Checkpoints.Add(checkpoint);
        await state.WriteStateAsync();
        await RunLeaderboards.OfferBest(GrainFactory, RunId, S.Spec!, S.Checkpoints, checkpoint);
    }

    public async Task ReportFinished(int attempt, RunStatus outcome, string? error)
    {
        if (attempt != S.Attempts || S.Status.IsFinished()) return;
        switch (outcome)
        {
            case RunStatus.Failed:
                await AttemptFailed(error ?? "failed");
                break;
            case RunStatus.Pending:
                await Preempted();
                break;
            default:
                await Finish(outcome, null);
                break;
        }
    }

    /// <summary>Steps after the last checkpoint will be trained again by the next attempt: forget them here.</summary>
    void RewindToLastCheckpoint()
    {
        var resumeFrom = S.Checkpoints.Count > 0 ? S.Checkpoints.Max(c => c.Step) : 0;
        if (S.Step <= resumeFrom) return;
        S.History.RemoveAll(p => p.Step > resumeFrom);
        S.Step = resumeFrom;
    }

    /// <summary>One pending retry at a time, however many callers asked for a start meanwhile.</summary>
    void RetryStartLater() =>
        _retry ??= this.RegisterGrainTimer(_ =>
        {
            _retry?.Dispose();
            _retry = null;
            return Start();
        }, new GrainTimerCreationOptions(PlacementRetry, Timeout.InfiniteTimeSpan));

    async Task AttemptFailed(string error)
    {
        S.Failures++;
        logger.LogWarning("Run {Run} attempt {Attempt} failed ({Failures}/{Max}): {Error}", RunId, S.Attempts, S.Failures, S.Spec!.MaxFailures, error);
        if (S.Failures >= S.Spec.MaxFailures)
        {
            await Finish(RunStatus.Failed, error);
            return;
        }
        S.Status = RunStatus.Pending;
        S.StatusReason = $"attempt {S.Attempts} failed: {error}; retrying";
        StopWatching();
        await state.WriteStateAsync();
        await Start();
    }

    /// <summary>The worker stopped (e.g. SIGTERM) after checkpointing: not a failure; the run resumes elsewhere.</summary>
    async Task Preempted()
    {
        S.Status = RunStatus.Pending;
        S.StatusReason = $"worker {S.Worker} stopped; resuming from the last checkpoint";
        StopWatching();
        await state.WriteStateAsync();
        RetryStartLater();
    }

    async Task Finish(RunStatus status, string? reason)
    {
        S.Status = status;
        S.StatusReason = reason;
        S.FinishedAt = DateTimeOffset.UtcNow;
        StopWatching();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExperimentGrain>(S.Spec!.ExperimentId).OnRunFinished(RunId, status);
    }

    void Watch() => _watch ??= this.RegisterGrainTimer(CheckAttemptAlive, new GrainTimerCreationOptions(WatchPeriod, WatchPeriod));

    void StopWatching()
    {
        _watch?.Dispose();
        _watch = null;
    }

    async Task CheckAttemptAlive(CancellationToken cancellation)
    {
        if (S.Status != RunStatus.Running) return;
        if (WorkerSiloDied())
        {
            await AttemptFailed($"worker {S.Worker} died");
            return;
        }
        if (DateTimeOffset.UtcNow - S.LastReportAt < SilenceBeforeCheck) return;
        bool alive;
        try { alive = await GrainFactory.GetGrain<ITrialGrain>(TrialKey.For(RunId, S.Attempts)).IsRunning(); }
        catch (Exception e) when (e is TimeoutException or OrleansException or NoFreeSlotException) { alive = false; }
        if (!alive && S.Status == RunStatus.Running)
            await AttemptFailed($"worker {S.Worker} stopped reporting");
    }

    /// <summary>Membership has declared the attempt's silo dead (a kill -9 is noticed this way, well before the silence check).</summary>
    bool WorkerSiloDied() =>
        S.TrialSilo is { } silo && silos.StatusOf(silo) == SiloStatus.Dead;
}
