using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Grains.Experiments;

/// <remarks>
/// Reentrant: its runs call it (a run's end, a checkpoint's score) while it calls them (start, cancel, status), and
/// neither side may wait on the other. Every method changes the state in one go before its first await, and state
/// writes and drive passes are <see cref="Coalesced"/>, so interleaved calls never write concurrently.
/// </remarks>
[Reentrant]
public sealed class ExperimentGrain : Grain, IExperimentGrain, IRemindable
{
    const string DriveReminder = "drive";
    const int ReminderAttempts = 3;
    static readonly TimeSpan DrivePeriod = TimeSpan.FromMinutes(1);
    static readonly TimeSpan NotifyDelay = TimeSpan.FromMilliseconds(200);
    /// <summary>Runs started per pass; a pass writes the progress before it starts them.</summary>
    const int StartBatch = 64;

    readonly IPersistentState<ExperimentDefinition> _definition;
    readonly IPersistentState<ExperimentProgress> _progress;
    readonly IPersistentState<ExperimentScheduler> _scheduler;
    readonly Coalesced _writes;
    readonly Coalesced _schedulerWrites;
    readonly Coalesced _drive;
    readonly ObserverManager<IExperimentObserver> _observers;
    readonly ILogger<ExperimentGrain> _logger;
    IGrainTimer? _notify;

    public ExperimentGrain(
        [PersistentState("experiment-definition", StorageNames.Default)] IPersistentState<ExperimentDefinition> definition,
        [PersistentState("experiment-progress", StorageNames.Default)] IPersistentState<ExperimentProgress> progress,
        [PersistentState("experiment-scheduler", StorageNames.Default)] IPersistentState<ExperimentScheduler> scheduler,
        ILogger<ExperimentGrain> logger)
    {
        _definition = definition;
        _progress = progress;
        _scheduler = scheduler;
        _logger = logger;
        _writes = new Coalesced(() => _progress.WriteStateAsync());
        _schedulerWrites = new Coalesced(() => _scheduler.WriteStateAsync());
        _drive = new Coalesced(DriveOnce);
        _observers = new ObserverManager<IExperimentObserver>(ExperimentRuns.SubscriptionLifetime, logger);
    }

    string ExperimentId => this.GetPrimaryKeyString();
    ExperimentDefinition D => _definition.State;
    ExperimentProgress P => _progress.State;
    SweepDefinition Sweep => D.Sweep ?? throw new UnknownIdException($"no experiment {ExperimentId}");

    /// <summary>The sweep's scheduler, set up on first use; null when the sweep has none.</summary>
    ExperimentScheduler? Scheduler => D.Sweep is { } sweep && (!_scheduler.State.IsEmpty || _scheduler.State.StartFor(sweep)) ? _scheduler.State : null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (D.Sweep?.Scheduler is not null && P.FinishedAt is null) SchedulerDecisionCounter.Start(ExperimentId);
        return Task.CompletedTask;
    }

    /// <summary>Idempotent: a retried start of an experiment already written only makes sure it is driven.</summary>
    public async Task<ExperimentEntry> Start(SweepDefinition sweep, DateTimeOffset submittedAt)
    {
        if (D.Sweep is null)
        {
            SweepValidator.Validate(sweep);
            _definition.State = new ExperimentDefinition { Sweep = sweep, SubmittedAt = submittedAt, Runs = SweepExpander.Count(sweep) };
            await _definition.WriteStateAsync();
            if (sweep.Scheduler is not null) SchedulerDecisionCounter.Start(ExperimentId);
        }
        if (P.FinishedAt is not null) return Entry();
        await RegisterDriveReminder();
        _ = _drive.RunAsync();
        return Entry();
    }

    /// <summary>A reminder table under load (Redis on a busy node) can time out a write: try again before giving up.</summary>
    async Task RegisterDriveReminder()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await this.RegisterOrUpdateReminder(DriveReminder, DrivePeriod, DrivePeriod);
                return;
            }
            catch (Exception e) when (attempt < ReminderAttempts)
            {
                _logger.LogWarning(e, "Experiment {Experiment}: registering its drive reminder failed (try {Attempt}); trying again", ExperimentId, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    public Task<ExperimentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<ScoredRun>> GetTopRuns(int count)
    {
        _ = Sweep;
        return Task.FromResult<IReadOnlyList<ScoredRun>>(P.Top.Take(Math.Max(0, count)).ToList());
    }

    public async Task Cancel()
    {
        _ = Sweep;
        if (P.FinishedAt is not null) return;
        if (P.Status == ExperimentStatus.Running)
        {
            P.Status = ExperimentStatus.Cancelled;
            P.Cancelled += D.Runs - P.Started;
            await SaveProgress();
        }
        await Task.WhenAll(P.Active.ToList().Select(CancelRun));
        await _drive.RunAsync();
    }

    public async Task OnRunFinished(string runId, RunStatus status)
    {
        if (!status.IsFinished() || IndexOf(runId) is not { } index) return;
        if (!P.Active.Remove(index))
        {
            // Counted already; a repeat after a failed write makes sure the count is stored.
            if (_writes.LastFailed) await _writes.RunAsync();
            return;
        }
        switch (status)
        {
            case RunStatus.Completed: P.Completed++; break;
            case RunStatus.Failed: P.Failed++; break;
            case RunStatus.Stopped: P.Stopped++; break;
            default: P.Cancelled++; break;
        }
        var scheduled = Scheduler?.Finished(index, runId, status) == true;
        await SaveProgress();
        if (scheduled) await _schedulerWrites.RunAsync();
        _ = _drive.RunAsync();
    }

    /// <remarks>
    /// The scheduler hears the summaries of runs in flight in the order this grain takes them, which makes its decisions.
    /// A stop is sent once the decision is stored, and not awaited: the reporting run waits on this call.
    /// </remarks>
    public async Task OnRunCheckpoint(string runId, CheckpointRecord checkpoint)
    {
        if (D.Sweep is not { } sweep || IndexOf(runId) is not { } index) return;
        if (!checkpoint.Scores.TryGetValue(sweep.Objective.Metric, out var score)) return;
        var scheduler = checkpoint.AtSummaryEpoch && P.Active.Contains(index) && !double.IsInfinity(score) ? Scheduler : null;
        var exploit = scheduler?.Pbt is not null ? scheduler.Exploit(runId, Variant(index).Config, checkpoint, score, LastEpoch(index)) : null;
        var stop = scheduler?.Pbt is null ? scheduler?.Report(index, runId, checkpoint.Epoch, score, LastEpoch(index)) : null;
        var decision = stop is not null ? new SchedulerDecision(DateTimeOffset.UtcNow, runId, stop.Kind, stop.Reason)
            : exploit is not null ? new SchedulerDecision(DateTimeOffset.UtcNow, runId, SchedulerDecisionKind.Exploit, exploit.Reason, exploit.Exploit.Donor, exploit.DonorCheckpoint.Step)
            : null;
        var decided = decision is not null && scheduler!.Record(decision);
        var offered = OfferTop(runId, index, checkpoint, score);
        if (scheduler is not null) await _schedulerWrites.RunAsync();
        if (offered) await SaveProgress();
        if (decided)
        {
            SchedulerDecisionCounter.Add(ExperimentId, decision!.Kind);
            ScheduleNotification();
        }
        if (stop is not null)
        {
            _logger.LogInformation("Experiment {Experiment}: run {Run} {Status}: {Reason}", ExperimentId, runId, stop.Status.ToString().ToLowerInvariant(), stop.Reason);
            _ = StopRun(stop);
        }
        if (exploit is not null)
        {
            _logger.LogInformation("Experiment {Experiment}: run {Run} exploits: {Reason}", ExperimentId, runId, exploit.Reason);
            _ = ExploitRun(index, exploit);
        }
    }

    /// <summary>Tells a run of PBT's exploit; should that fail, the run trains on as it is (the next interval decides again).</summary>
    async Task ExploitRun(int index, ExploitOrder exploit)
    {
        try
        {
            await Run(index).Exploit(exploit);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not tell run {Index} of its exploit", ExperimentId, index);
        }
    }

    bool OfferTop(string runId, int index, CheckpointRecord checkpoint, double score) =>
        double.IsFinite(score) && BestRuns.Offer(P.Top, new ScoredRun(runId, index, score, checkpoint.Step), ExperimentRuns.TopKept);

    public async Task ResumeRun(string runId)
    {
        _ = Sweep;
        if (IndexOf(runId) is not { } index || index >= P.Started) throw new UnknownIdException($"no started run {runId} in {ExperimentId}");
        if (P.Status == ExperimentStatus.Cancelled) throw new RunNotStoppedException($"{ExperimentId} was cancelled: its runs are not resumed");
        var run = await Run(index).GetSnapshot();
        if (run.Status != RunStatus.Stopped)
            throw new RunNotStoppedException($"run {runId} is {run.Status.ToString().ToLowerInvariant()}, not stopped: only a stopped run is resumed");
        if (P.Active.Contains(index))
            throw new RunNotStoppedException($"run {runId} stopped a moment ago and {ExperimentId} has not counted it yet: try again");
        P.Stopped--;
        P.Active.Add(index);
        Scheduler?.ResumedByHand(index);
        var reopened = P.FinishedAt is not null;
        if (reopened) (P.Status, P.FinishedAt, P.CatalogUpdated) = (ExperimentStatus.Running, null, false);
        await SaveProgress();
        await _schedulerWrites.RunAsync();
        if (reopened)
        {
            await RegisterDriveReminder();
            await TellCatalog();
        }
        await Run(index).Resume("resumed by hand");
    }

    public Task Subscribe(IExperimentObserver observer)
    {
        _ = Sweep;
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IExperimentObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (D.Sweep is null || (P.FinishedAt is not null && await TellCatalog()))
        {
            if (await this.GetReminder(DriveReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }
        if (P.FinishedAt is not null) return;
        await Task.WhenAll(P.Active.ToList().Select(Reconcile));
        await _drive.RunAsync();
    }

    /// <summary>One pass: start runs up to the limit, then finish the experiment if nothing is left. Errors wait for the next pass.</summary>
    async Task DriveOnce()
    {
        try
        {
            while (await StartNextRuns()) { }
            await CompleteIfAllFinished();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: drive pass failed; the drive reminder tries again", ExperimentId);
        }
    }

    /// <returns>Whether it started or resumed any.</returns>
    async Task<bool> StartNextRuns()
    {
        if (P.Status != ExperimentStatus.Running) return false;
        if (await PromoteNextRun()) return true;
        var first = P.Started;
        var count = Math.Min(StartBatch, Math.Min(Sweep.Resources.MaxConcurrent - P.Active.Count, D.Runs - first));
        if (count <= 0) return false;
        P.Active.AddRange(Enumerable.Range(first, count));
        P.Started += count;
        await SaveProgress();
        await Task.WhenAll(SweepExpander.Expand(Sweep, first, count).Select(StartRun).ToList());
        return true;
    }

    /// <summary>ASHA's promotions come before new runs: a freed slot resumes a stopped run that has entered its rung's top.</summary>
    async Task<bool> PromoteNextRun()
    {
        if (P.Active.Count >= Sweep.Resources.MaxConcurrent || Scheduler?.Promote() is not { } promotion) return false;
        var runId = RunIds.For(ExperimentId, promotion.Index);
        P.Stopped--;
        P.Active.Add(promotion.Index);
        var decision = new SchedulerDecision(DateTimeOffset.UtcNow, runId, SchedulerDecisionKind.Promote, promotion.Reason);
        _scheduler.State.Record(decision);
        await _schedulerWrites.RunAsync();
        await SaveProgress();
        SchedulerDecisionCounter.Add(ExperimentId, decision.Kind);
        _logger.LogInformation("Experiment {Experiment}: run {Run} resumed: {Reason}", ExperimentId, runId, promotion.Reason);
        await ResumePromoted(promotion.Index);
        return true;
    }

    /// <summary>Should the resume fail, the drive reminder tries again (the run stays active, and stopped).</summary>
    async Task ResumePromoted(int index)
    {
        try
        {
            await Run(index).Resume("promoted by ASHA");
        }
        catch (RunNotStoppedException)
        {
            // Resumed already: an earlier try got through, and only its answer was lost.
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not resume promoted run {Index}; the drive reminder tries again", ExperimentId, index);
            return;
        }
        _scheduler.State.Promoting.Remove(index);
        await _schedulerWrites.RunAsync();
    }

    async Task StartRun(SweepVariant variant)
    {
        var run = Run(variant.Index);
        try
        {
            await run.Create(ExperimentRuns.Spec(ExperimentId, Sweep, variant));
            await run.Start();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not start run {Index}; the drive reminder tries again", ExperimentId, variant.Index);
        }
    }

    async Task CancelRun(int index)
    {
        try
        {
            await Run(index).Cancel();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not cancel run {Index}; the drive reminder tries again", ExperimentId, index);
        }
    }

    /// <summary>Reads the status of a run in flight, in case its end (or its best score) never reached this grain.</summary>
    async Task Reconcile(int index)
    {
        var runId = RunIds.For(ExperimentId, index);
        try
        {
            RunSnapshot run;
            try
            {
                run = await Run(index).GetSnapshot();
            }
            catch (UnknownIdException)
            {
                // It was never created: the start did not get through.
                if (P.Status == ExperimentStatus.Cancelled) await OnRunFinished(runId, RunStatus.Cancelled);
                else await StartRun(SweepExpander.Expand(Sweep, index, 1)[0]);
                return;
            }
            if (BestScored(run) is { } best && OfferTop(runId, index, best, best.Scores[Sweep.Objective.Metric])) await SaveProgress();
            if (run.Status == RunStatus.Stopped && _scheduler.State.Promoting.Contains(index)) await ResumePromoted(index);
            else if (run.Status.IsFinished()) await OnRunFinished(runId, run.Status);
            else if (P.Status == ExperimentStatus.Cancelled) await Run(index).Cancel();
            else if (Scheduler?.Pending.Find(p => p.Index == index) is { } stop) await StopRun(stop);
            else await Run(index).Start(); // after a restart, wakes a run whose grain is not active; a no-op for a running run
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not reconcile run {Run}", ExperimentId, runId);
        }
    }

    /// <summary>Tells a run of the scheduler's decision; should that fail, the drive reminder tells it again.</summary>
    async Task StopRun(ScheduledStop stop)
    {
        try
        {
            await Run(stop.Index).Stop(stop.Status, stop.Reason);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not stop run {Index}; the drive reminder tries again", ExperimentId, stop.Index);
        }
    }

    int LastEpoch(int index) => RunConfigKeys.FromPairs(Variant(index).Config).Epochs;

    SweepVariant Variant(int index) => SweepExpander.Expand(Sweep, index, 1)[0];

    CheckpointRecord? BestScored(RunSnapshot run) =>
        run.Checkpoints.Where(c => c.Scores.ContainsKey(Sweep.Objective.Metric)).MinBy(c => c.Scores[Sweep.Objective.Metric]);

    async Task CompleteIfAllFinished()
    {
        if (P.FinishedAt is not null || P.Active.Count > 0 || (P.Status == ExperimentStatus.Running && P.Started < D.Runs)) return;
        P.Status = P.Status == ExperimentStatus.Cancelled ? ExperimentStatus.Cancelled
            : P.Failed > 0 ? ExperimentStatus.Failed
            : ExperimentStatus.Completed;
        P.FinishedAt = DateTimeOffset.UtcNow;
        P.CatalogUpdated = false;
        await SaveProgress();
        NotifyObservers();
        if (await TellCatalog() && await this.GetReminder(DriveReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <returns>Whether the catalog has the experiment's end.</returns>
    async Task<bool> TellCatalog()
    {
        if (P.CatalogUpdated) return true;
        try
        {
            await GrainFactory.GetGrain<IExperimentCatalogGrain>(0).Refresh(ExperimentId);
            P.CatalogUpdated = true;
            await SaveProgress();
            return true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Experiment {Experiment}: could not tell the catalog it ended; the drive reminder tries again", ExperimentId);
            return false;
        }
    }

    Task SaveProgress()
    {
        ScheduleNotification();
        return _writes.RunAsync();
    }

    void ScheduleNotification()
    {
        if (_observers.Count == 0 || _notify is not null) return;
        _notify = this.RegisterGrainTimer(() =>
        {
            _notify?.Dispose();
            _notify = null;
            NotifyObservers();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(NotifyDelay, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    void NotifyObservers()
    {
        if (_observers.Count == 0) return;
        var snapshot = Snapshot();
        _observers.Notify(o => o.Changed(snapshot));
    }

    ExperimentSnapshot Snapshot() => new(Entry(), Sweep, Counts(), P.Started,
        P.Active.Order().Select(i => RunIds.For(ExperimentId, i)).ToList(), P.Top.Take(ExperimentSnapshot.TopShown).ToList())
    {
        Decisions = _scheduler.State.Recent.ToList(),
    };

    RunCounts Counts() => new(P.Status == ExperimentStatus.Running ? D.Runs - P.Started : 0, P.Active.Count, P.Completed, P.Failed, P.Cancelled, P.Stopped);

    ExperimentEntry Entry() => new(ExperimentId, Sweep.Name, Sweep.Description, D.Runs, P.Status, D.SubmittedAt, P.FinishedAt);

    int? IndexOf(string runId) => RunIds.Parse(runId) is (var experimentId, var index) && experimentId == ExperimentId ? index : null;

    IRunGrain Run(int index) => GrainFactory.GetGrain<IRunGrain>(RunIds.For(ExperimentId, index));
}
