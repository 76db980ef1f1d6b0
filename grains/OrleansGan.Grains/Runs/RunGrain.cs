using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using OrleansGan.Experiments;
using OrleansGan.Grains.Leaderboards;
using OrleansGan.Grains.Placement;
using OrleansGan.Runs;
using OrleansGan.Training.Configuration;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Runs;

/// <remarks>
/// The grain names the checkpoints an attempt may resume from, and counts reports only from the attempt it started (by
/// trial key). State is written when the status changes and when a checkpoint is recorded, not on progress reports: an
/// activation that comes back after a crash holds the steps up to its last write, and the attempt's reporter resends the
/// rest (<see cref="ReportAck"/>).
/// </remarks>
public sealed class RunGrain(
    [PersistentState("run", StorageNames.Default)] IPersistentState<RunState> state,
    ISiloDirectory silos,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable
{
    /// <summary>A running attempt that has reported nothing for this long is asked whether it still lives.</summary>
    public static readonly TimeSpan SilenceBeforeCheck = TimeSpan.FromSeconds(30);
    /// <summary>How often a running run looks at its worker's membership status: what a kill -9 costs on top of Orleans' death declaration.</summary>
    static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);
    static readonly TimeSpan PlacementRetry = TimeSpan.FromSeconds(5);
    /// <summary>How long a resumed run waits for the attempt a stop ended to report its end.</summary>
    static readonly TimeSpan EndingBound = TimeSpan.FromMinutes(2);
    static readonly TimeSpan NoticeRetryLongest = TimeSpan.FromSeconds(30);
    /// <summary>Outlives this activation: the run's end reaches its experiment even if the silo dies before it did.</summary>
    const string NoticeReminder = "finish-notice";

    RunState S => state.State;
    string RunId => this.GetPrimaryKeyString();
    IGrainTimer? _watch;
    IGrainTimer? _retry;
    IGrainTimer? _notice;
    IGrainReminder? _noticeReminder;
    int _noticeFailures;
    bool _noticing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RunStatusGauge.Track(this, S);
        if (S.Status == RunStatus.Running)
        {
            // Its reports went to the activation before this one: the silence starts now.
            S.LastReportAt = DateTimeOffset.UtcNow;
            Watch();
        }
        if (S.FinishNoticePending) NoticeExperimentSoon(TimeSpan.Zero);
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
        if (S.Status.IsFinished())
        {
            // Only an experiment that has not heard of the end asks: tell it again.
            NoticeExperimentSoon(TimeSpan.Zero);
            return;
        }
        if (S.Status == RunStatus.Running) return;
        StopRetrying();
        if (LastAttemptStillEnding())
        {
            await WaitToStart("waits for its last attempt to end (it writes a stop checkpoint)", triedAWorker: false);
            return;
        }

        var attempt = S.Attempts + 1;
        var trialKey = TrialKey.For(RunId, attempt, S.PlacementTries + 1);
        var ledger = GrainFactory.GetGrain<ISlotLedgerGrain>(0);
        SlotGrant grant;
        try
        {
            grant = await ledger.Reserve(trialKey, spec.GpusPerTrial);
        }
        catch (Exception e)
        {
            await WaitToStart(e is NoFreeSlotException ? e.Message : $"could not reserve a slot: {e.Message}; retrying", triedAWorker: false);
            return;
        }

        S.PlacementTries++;
        TrialStarted trial;
        try
        {
            trial = await StartTrial(trialKey, AssignmentFor(attempt, spec), grant);
        }
        catch (Exception e)
        {
            // Nothing trained, so not the run's failure: e.g. a worker that joined a moment ago, or one that just left.
            // The reservation is this grain's until a worker starts on it: give it back (a later try has another key).
            try { await ledger.Release(trialKey); }
            catch (Exception release) { logger.LogDebug(release, "Run {Run}: could not release {Trial}; the ledger drops it unstarted", RunId, trialKey); }
            await WaitToStart($"could not start on {grant.WorkerName}: {e.Message}; retrying", triedAWorker: true);
            return;
        }

        var previousKey = S.TrialKey;
        S.Attempts = attempt;
        S.TrialKey = trialKey;
        S.Status = RunStatus.Running;
        S.StatusReason = null;
        S.Worker = $"{trial.WorkerName} ({trial.Device})";
        S.TrialSilo = trial.Silo;
        S.StartedAt ??= DateTimeOffset.UtcNow;
        S.LastReportAt = DateTimeOffset.UtcNow;
        if (S.Exploit is { } exploit) MoveTo(exploit.DonorCheckpoint.Step);
        else RewindTo(S.Checkpoints.Count > 0 ? S.Checkpoints.Max(c => c.Step) : 0);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The attempt trains but the run's record of it did not land: disown it (its first report hears it is stale).
            logger.LogWarning(e, "Run {Run}: could not record attempt {Attempt}; starting again", RunId, attempt);
            (S.Attempts, S.TrialKey, S.Status) = (attempt - 1, previousKey, RunStatus.Pending);
            RetryStartLater();
            return;
        }
        Watch();
    }

    public Task Cancel() => EndEarly(RunStatus.Cancelled, "cancelled");

    public Task Stop(RunStatus status, string reason) =>
        status is RunStatus.Stopped or RunStatus.Completed
            ? EndEarly(status, reason)
            : throw new ArgumentOutOfRangeException(nameof(status), status, "a scheduler stops or completes a run");

    public async Task Resume(string cause)
    {
        var spec = S.Spec ?? throw new UnknownIdException($"no run {RunId}");
        if (S.Status != RunStatus.Stopped)
            throw new RunNotStoppedException($"run {RunId} is {S.Status.ToString().ToLowerInvariant()}, not stopped: only a stopped run is resumed");
        S.Status = RunStatus.Pending;
        S.StatusReason = $"{cause} from step {S.Checkpoints.Select(c => c.Step).DefaultIfEmpty().Max()} (its last checkpoint)";
        S.FinishedAt = null;
        await state.WriteStateAsync();
        logger.LogInformation("Run {Run} of {Experiment} {Cause}", RunId, spec.ExperimentId, cause);
        await Start();
    }

    public async Task Exploit(ExploitOrder order)
    {
        if (S.Spec is null || S.Status.IsFinished() || S.Exploit?.AtEpoch == order.AtEpoch || S.Lineage.Exists(l => l.AtEpoch == order.AtEpoch)) return;
        S.Exploit = order;
        await state.WriteStateAsync();
        logger.LogInformation("Run {Run} exploits {Donor}: {Reason}", RunId, order.Exploit.Donor, order.Reason);
        // A pending run takes the copy when it starts; a running one when its attempt has ended (ReportFinished).
        if (S.Status == RunStatus.Running && S.TrialKey is { } trialKey && !WorkerSiloDied())
        {
            try { await GrainFactory.GetGrain<ITrialGrain>(trialKey).Cancel(); }
            catch (Exception e) { logger.LogWarning(e, "Run {Run}: could not reach its trial to end it for the exploit", RunId); }
        }
    }

    /// <summary>
    /// An exploit's attempt trains the new values from the copy; it keeps the run's own checkpoints before the copied step,
    /// and its step generator is seeded from the run (its seed and index) and the step, so it is the recipient's own.
    /// </summary>
    TrialAssignment AssignmentFor(int attempt, RunSpec spec)
    {
        if (S.Exploit is not { } exploit) return new TrialAssignment(RunId, attempt, spec, S.Checkpoints.ToList());
        var step = exploit.DonorCheckpoint.Step;
        var seed = RunConfigKeys.FromPairs(spec.Config).Seed;
        return new TrialAssignment(RunId, attempt, WithValues(spec, exploit.Exploit.NewValues), S.Checkpoints.Where(c => c.Step < step).ToList())
        {
            Adopt = exploit,
            StreamSeed = StreamSeeds.Mix(unchecked((ulong)seed), (ulong)spec.Index, (ulong)step),
        };
    }

    static RunSpec WithValues(RunSpec spec, IReadOnlyList<KeyValuePair<string, double>> values)
    {
        static List<KeyValuePair<string, double>> Replaced(IEnumerable<KeyValuePair<string, double>> pairs, IReadOnlyList<KeyValuePair<string, double>> values) =>
            pairs.Select(p => values.FirstOrDefault(v => v.Key == p.Key) is { Key: not null } v ? v : p).ToList();
        return spec with { Config = Replaced(spec.Config, values), Hyperparameters = Replaced(spec.Hyperparameters, values) };
    }

    /// <summary>The exploit's attempt has restored its copy: the run trains the new values from there on.</summary>
    void Adopted(ExploitOrder exploit)
    {
        var donor = exploit.DonorCheckpoint;
        S.Spec = WithValues(S.Spec!, exploit.Exploit.NewValues);
        S.Checkpoints.RemoveAll(c => c.Step >= donor.Step);
        S.Checkpoints.Add(donor with
        {
            Path = ArtifactPaths.Checkpoint(S.Spec.ArtifactDirectory, donor.Step),
            Scores = ImmutableDictionary<string, double>.Empty,
            AtSummaryEpoch = false,
        });
        S.Lineage.Add(new LineageEntry(exploit.AtEpoch, exploit.Exploit.Donor, donor.Step, donor.Epoch, donor.Sha256,
            exploit.Exploit.OldValues, exploit.Exploit.NewValues, DateTimeOffset.UtcNow));
        S.Exploit = null;
    }

    /// <summary>Cancels the attempt in training (it writes its stop checkpoint, which no longer counts) and ends the run.</summary>
    async Task EndEarly(RunStatus status, string reason)
    {
        if (S.Status.IsFinished()) return;
        if (S.Status == RunStatus.Running && S.TrialKey is { } trialKey && !WorkerSiloDied())
        {
            (S.EndingTrial, S.EndingSince) = (trialKey, DateTimeOffset.UtcNow);
            try { await GrainFactory.GetGrain<ITrialGrain>(trialKey).Cancel(); }
            catch (Exception e) { logger.LogWarning(e, "Run {Run}: could not reach its trial to cancel it", RunId); }
        }
        await Finish(status, reason);
    }

    public Task<RunSnapshot> GetSnapshot()
    {
        var spec = S.Spec ?? throw new UnknownIdException($"no run {RunId}");
        return Task.FromResult(new RunSnapshot(RunId, spec, S.Status, S.StatusReason, S.Attempts, S.Failures, S.Step, S.TotalSteps,
            S.History.ToList(), S.Checkpoints.ToList(), S.Worker, S.StartedAt, S.FinishedAt) { Lineage = S.Lineage.ToList() });
    }

    public async Task<ReportAck> ReportStarted(string trialKey, long fromStep, long totalSteps)
    {
        if (!IsCurrent(trialKey)) return ReportAck.Stale;
        S.LastReportAt = DateTimeOffset.UtcNow;
        // The attempt restored an older checkpoint than recorded (a newer one did not verify), or none at all.
        var changed = S.TotalSteps != totalSteps || S.Step > fromStep;
        S.TotalSteps = totalSteps;
        RewindTo(fromStep);
        if (S.Exploit is { } exploit && fromStep == exploit.DonorCheckpoint.Step)
        {
            Adopted(exploit);
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        return Acknowledged();
    }

    public Task<ReportAck> ReportProgress(string trialKey, IReadOnlyList<MetricPoint> points)
    {
        if (!IsCurrent(trialKey)) return Task.FromResult(ReportAck.Stale);
        S.LastReportAt = DateTimeOffset.UtcNow;
        var fresh = points.Where(p => p.Step > S.Step).OrderBy(p => p.Step).ToList();
        // A batch that does not follow on means this activation lost steps since its last write: the answer asks for them.
        if (fresh.Count > 0 && fresh[0].Step == S.Step + 1)
        {
            MetricHistory.Append(S.History, fresh);
            S.Step = fresh[^1].Step;
        }
        return Task.FromResult(Acknowledged());
    }

    public async Task ReportCheckpoint(string trialKey, CheckpointRecord checkpoint)
    {
        // While an exploit waits for its copy, the attempt that is ending writes nothing that counts.
        if (!IsCurrent(trialKey) || S.Exploit is not null || S.Checkpoints.Any(c => c.Step == checkpoint.Step)) return;
        S.LastReportAt = DateTimeOffset.UtcNow;
        S.Checkpoints.Add(checkpoint);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExperimentGrain>(S.Spec!.ExperimentId).OnRunCheckpoint(RunId, checkpoint);
        await RunLeaderboards.OfferBest(GrainFactory, RunId, S.Spec!, S.Checkpoints, checkpoint);
    }

    public async Task ReportFinished(string trialKey, RunStatus outcome, string? error)
    {
        if (trialKey == S.EndingTrial)
        {
            (S.EndingTrial, S.EndingSince) = (null, null);
            await state.WriteStateAsync();
            if (S.Status == RunStatus.Pending) await Start();
            return;
        }
        if (!IsCurrent(trialKey)) return;
        switch (outcome)
        {
            case RunStatus.Failed:
                await AttemptFailed(error ?? "failed");
                break;
            case RunStatus.Pending:
                await Preempted();
                break;
            case RunStatus.Cancelled when S.Exploit is { } exploit:
                await ExploitNext(exploit);
                break;
            default:
                await Finish(outcome, null);
                break;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        S.FinishNoticePending ? NoticeExperiment(CancellationToken.None) : ForgetNoticeReminder();

    bool IsCurrent(string trialKey) => S.Status == RunStatus.Running && trialKey == S.TrialKey;

    ReportAck Acknowledged() => new(true, S.Step);

    /// <summary>Steps after <paramref name="step"/> will be trained again: forget them and their checkpoints here.</summary>
    void RewindTo(long step)
    {
        if (S.Step <= step) return;
        S.History.RemoveAll(p => p.Step > step);
        S.Checkpoints.RemoveAll(c => c.Step > step);
        S.Step = step;
    }

    /// <summary>The run continues from <paramref name="step"/> (an exploit's copy): what it recorded from there on goes.</summary>
    void MoveTo(long step)
    {
        S.History.RemoveAll(p => p.Step > step);
        S.Checkpoints.RemoveAll(c => c.Step > step);
        S.Step = step;
    }

    /// <summary>Calls the trial with its slot's silo as the placement hint, which the trial placement director follows.</summary>
    async Task<TrialStarted> StartTrial(string trialKey, TrialAssignment assignment, SlotGrant grant)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, grant.Silo);
        try
        {
            return await GrainFactory.GetGrain<ITrialGrain>(trialKey).Start(assignment, grant);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Pending with a reason, tried again shortly; written only when there is something new to keep.</summary>
    async Task WaitToStart(string reason, bool triedAWorker)
    {
        RetryStartLater();
        if (reason == S.StatusReason && !triedAWorker) return;
        S.StatusReason = reason;
        await state.WriteStateAsync();
    }

    /// <summary>One pending retry at a time, however many callers asked for a start meanwhile.</summary>
    void RetryStartLater() =>
        _retry ??= this.RegisterGrainTimer(_ =>
        {
            StopRetrying();
            return Start();
        }, new GrainTimerCreationOptions(PlacementRetry, Timeout.InfiniteTimeSpan));

    void StopRetrying()
    {
        _retry?.Dispose();
        _retry = null;
    }

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

    /// <summary>The attempt ended for an exploit: the next one copies the donor's checkpoint.</summary>
    async Task ExploitNext(ExploitOrder exploit)
    {
        S.Status = RunStatus.Pending;
        S.StatusReason = exploit.Reason;
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
        S.Exploit = null;
        S.Status = status;
        S.StatusReason = reason;
        S.FinishedAt = DateTimeOffset.UtcNow;
        S.FinishNoticePending = true;
        StopWatching();
        StopRetrying();
        await state.WriteStateAsync();
        NoticeExperimentSoon(TimeSpan.Zero);
    }

    /// <summary>
    /// Tells the experiment in a turn of its own, so that a caller (the experiment cancelling its runs) never waits on it;
    /// interleaved, so that the experiment may call this run while it hears the news. One notice at a time.
    /// </summary>
    void NoticeExperimentSoon(TimeSpan delay) =>
        _notice ??= this.RegisterGrainTimer(NoticeExperiment, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true });

    /// <summary>Retried (here with backoff, and by a reminder should this silo die) until the experiment confirms.</summary>
    async Task NoticeExperiment(CancellationToken cancellation)
    {
        _notice?.Dispose();
        _notice = null;
        if (_noticing) return;
        _noticing = true;
        try
        {
            await GrainFactory.GetGrain<IExperimentGrain>(S.Spec!.ExperimentId).OnRunFinished(RunId, S.Status);
        }
        catch (Exception e)
        {
            _noticeFailures++;
            logger.LogWarning(e, "Run {Run}: its experiment has not heard of its end ({Tries} tries); retrying", RunId, _noticeFailures);
            NoticeExperimentSoon(TimeSpan.FromSeconds(Math.Min(NoticeRetryLongest.TotalSeconds, Math.Pow(2, _noticeFailures - 1))));
            await RemindToNotice();
            return;
        }
        finally
        {
            _noticing = false;
        }
        _noticeFailures = 0;
        if (S.FinishNoticePending)
        {
            S.FinishNoticePending = false;
            await state.WriteStateAsync();
        }
        if (_noticeReminder is not null) await ForgetNoticeReminder();
    }

    async Task RemindToNotice()
    {
        if (_noticeReminder is not null) return;
        try { _noticeReminder = await this.RegisterOrUpdateReminder(NoticeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)); }
        catch (Exception e) { logger.LogWarning(e, "Run {Run}: could not register its notice reminder; its timer keeps retrying", RunId); }
    }

    async Task ForgetNoticeReminder()
    {
        var reminder = _noticeReminder ?? await this.GetReminder(NoticeReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        _noticeReminder = null;
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
        var trialKey = S.TrialKey!;
        bool alive;
        try { alive = await GrainFactory.GetGrain<ITrialGrain>(trialKey).IsRunning(); }
        catch (Exception e) when (e is TimeoutException or OrleansException or NoFreeSlotException) { alive = false; }
        if (!alive && IsCurrent(trialKey))
            await AttemptFailed($"worker {S.Worker} stopped reporting");
    }

    /// <summary>
    /// Whether the attempt a stop ended may still write into the run's directory: it has not reported its end, its silo
    /// lives, and <see cref="EndingBound"/> has not passed (a lost report must not keep the run pending for ever).
    /// </summary>
    bool LastAttemptStillEnding()
    {
        if (S.EndingSince is not { } since) return false;
        if (!WorkerSiloDied() && DateTimeOffset.UtcNow - since < EndingBound) return true;
        logger.LogWarning("Run {Run}: attempt {Trial} never reported its end; starting the next one", RunId, S.EndingTrial);
        (S.EndingTrial, S.EndingSince) = (null, null);
        return false;
    }

    /// <summary>
    /// Membership has declared the attempt's silo dead (a kill -9 is noticed this way, well before the silence check).
    /// Not "unknown": this silo's view of a worker that joined a moment ago may still lag.
    /// </summary>
    bool WorkerSiloDied() =>
        S.TrialSilo is { } silo && silos.StatusOf(silo) == SiloStatus.Dead;
}
