using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// Carries one attempt's metrics from the training thread to its run grain: steps in batches every
/// report interval (an empty batch is the heartbeat), each checkpoint as it lands.
/// </summary>
internal sealed class RunReporter : ITrainingObserver, IAsyncDisposable
{
    readonly IRunGrain _run;
    readonly int _attempt;
    readonly string _artifactRoot;
    readonly ILogger _logger;
    readonly ConcurrentQueue<MetricPoint> _points = new();
    readonly ConcurrentQueue<CheckpointRecord> _checkpoints = new();
    readonly CancellationTokenSource _stop = new();
    readonly List<MetricPoint> _unsent = [];
    readonly Task _loop;
    long _totalSteps;

    public RunReporter(IRunGrain run, int attempt, string artifactRoot, TimeSpan interval, ILogger logger)
    {
        (_run, _attempt, _artifactRoot, _logger) = (run, attempt, artifactRoot, logger);
        _loop = Loop(interval);
    }

    public void OnStarted(long startStep, long totalSteps) => Interlocked.Exchange(ref _totalSteps, totalSteps);

    public void OnSteps(IReadOnlyList<StepMetrics> steps)
    {
        foreach (var s in steps) _points.Enqueue(new MetricPoint(s.Step, s.Epoch, s.D1, s.D2, s.G, s.StepSeconds, s.ImagesPerSecond));
    }

    public void OnSummary(SummaryReport summary) => _checkpoints.Enqueue(new CheckpointRecord(
        summary.Step, summary.Epoch, Relative(summary.CheckpointPath), summary.CheckpointSha256,
        summary.AccuracyReal, summary.AccuracyFake, Relative(summary.GridPath), DateTimeOffset.UtcNow)
    {
        Scores = summary.Scores.ToImmutableDictionary(),
    });

    /// <summary>Sends what is left, then the attempt's end.</summary>
    public async Task Finish(RunStatus outcome, string? error)
    {
        await DisposeAsync();
        await Flush();
        await _run.ReportFinished(_attempt, outcome, error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _loop;
    }

    async Task Loop(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try { await Flush(); }
                catch (Exception e) { _logger.LogWarning(e, "Could not report to run grain; will retry"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    async Task Flush()
    {
        while (_points.TryDequeue(out var p)) _unsent.Add(p);
        await _run.ReportProgress(_attempt, Interlocked.Read(ref _totalSteps), _unsent.ToList());
        _unsent.Clear();
        while (_checkpoints.TryPeek(out var c))
        {
            await _run.ReportCheckpoint(_attempt, c);
            _checkpoints.TryDequeue(out _);
        }
    }

    string Relative(string path) => ArtifactPaths.Relative(_artifactRoot, path);
}
