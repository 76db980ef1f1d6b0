using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// Carries one attempt's progress from the training thread to its run grain, under the attempt's trial key: where it
/// resumed, then steps in batches every report interval (an empty batch is the heartbeat), each checkpoint once the
/// grain holds the steps up to it. It keeps every step since the last checkpoint the grain recorded, and resends what the
/// grain says it lost (an activation that came back after a crash holds only what it wrote). When the grain answers that
/// the attempt is no longer the run's, it stops reporting and tells the worker once.
/// </summary>
internal sealed class RunReporter : ITrainingObserver
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    readonly IRunGrain _run;
    readonly string _trialKey;
    readonly string _artifactRoot;
    readonly TimeSpan _interval;
    readonly ILogger _logger;
    readonly Action _onStale;
    readonly ConcurrentQueue<MetricPoint> _points = new();
    readonly ConcurrentQueue<CheckpointRecord> _checkpoints = new();
    readonly CancellationTokenSource _stopLoop = new();
    /// <summary>Steps past the last checkpoint the grain recorded: the grain may still lose them.</summary>
    readonly List<MetricPoint> _unrecorded = [];
    volatile StartReport? _start;
    bool _startSent;
    bool _stale;
    long _grainStep;
    Task? _loop;

    public RunReporter(IRunGrain run, string trialKey, string artifactRoot, TimeSpan interval, ILogger logger, Action onStale) =>
        (_run, _trialKey, _artifactRoot, _interval, _logger, _onStale) = (run, trialKey, artifactRoot, interval, logger, onStale);

    public void OnStarted(long startStep, long totalSteps) => _start = new StartReport(startStep, totalSteps);

    public void OnSteps(IReadOnlyList<StepMetrics> steps)
    {
        foreach (var s in steps) _points.Enqueue(new MetricPoint(s.Step, s.Epoch, s.D1, s.D2, s.G, s.StepSeconds, s.ImagesPerSecond));
    }

    public void OnSummary(SummaryReport summary) => _checkpoints.Enqueue(new CheckpointRecord(
        summary.Step, summary.Epoch, Relative(summary.CheckpointPath), summary.CheckpointSha256,
        summary.AccuracyReal, summary.AccuracyFake, Relative(summary.GridPath), DateTimeOffset.UtcNow)
    {
        Scores = summary.Scores.ToImmutableDictionary(),
        AtSummaryEpoch = summary.AtSummaryEpoch,
    });

    /// <summary>
    /// Waits until the run grain counts this attempt as the run's (its Start has completed), retrying while it cannot be
    /// reached, then reports every interval.
    /// </summary>
    /// <returns>false when the attempt is not the run's: it must not touch the run's files.</returns>
    public async Task<bool> ConfirmAsync(CancellationToken cancellation)
    {
        var ack = await Retried(() => _run.ReportProgress(_trialKey, []), "confirm it", cancellation);
        if (!ack.Current) return Stale();
        _grainStep = ack.Step;
        _loop = Loop();
        return true;
    }

    /// <summary>
    /// Sends what is left unless the grain says the attempt is stale, then the attempt's end, retried until it lands. A
    /// stale attempt reports its end too: a run that a stop ended starts no other attempt until this one has.
    /// </summary>
    public async Task FinishAsync(RunStatus outcome, string? error, CancellationToken giveUp)
    {
        await _stopLoop.CancelAsync();
        if (_loop is not null) await _loop;
        await Retried(async () =>
        {
            if (!_stale) await Flush();
            await _run.ReportFinished(_trialKey, outcome, error);
            return true;
        }, "report its end", giveUp);
    }

    async Task Loop()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopLoop.Token))
            {
                try
                {
                    if (!await Flush()) return;
                }
                catch (Exception e) { _logger.LogWarning(e, "Trial {Trial}: could not report to its run grain; will retry", _trialKey); }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <returns>false when the grain says the attempt is stale.</returns>
    async Task<bool> Flush()
    {
        if (_stale) return false;
        while (_points.TryDequeue(out var p)) _unrecorded.Add(p);
        if (_start is { } start && !_startSent)
        {
            var started = await _run.ReportStarted(_trialKey, start.FromStep, start.TotalSteps);
            if (!started.Current) return Stale();
            (_grainStep, _startSent) = (started.Step, true);
        }
        // Twice at most: a grain that lost steps answers with the step it holds, and gets the rest at once.
        for (var round = 0; round < 2; round++)
        {
            var unsent = _unrecorded.Where(p => p.Step > _grainStep).ToList();
            var ack = await _run.ReportProgress(_trialKey, unsent);
            if (!ack.Current) return Stale();
            _grainStep = ack.Step;
            if (unsent.Count == 0 || ack.Step >= unsent[^1].Step) break;
        }
        while (_checkpoints.TryPeek(out var checkpoint) && checkpoint.Step <= _grainStep)
        {
            await _run.ReportCheckpoint(_trialKey, checkpoint);
            _checkpoints.TryDequeue(out _);
            _unrecorded.RemoveAll(p => p.Step <= checkpoint.Step);
        }
        return true;
    }

    bool Stale()
    {
        if (!_stale)
        {
            _stale = true;
            _onStale();
        }
        return false;
    }

    async Task<T> Retried<T>(Func<Task<T>> call, string what, CancellationToken cancellation)
    {
        for (var delay = FirstRetry; ; delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, delay.Ticks * 2)))
        {
            try { return await call(); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Trial {Trial}: could not {What}; retrying in {Delay}", _trialKey, what, delay);
            }
            await Task.Delay(delay, cancellation);
        }
    }

    string Relative(string path) => ArtifactPaths.Relative(_artifactRoot, path);

    sealed record StartReport(long FromStep, long TotalSteps);
}
