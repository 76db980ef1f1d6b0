using System.Diagnostics;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>
/// The live numbers of one run training on this worker, as its instruments read them. Written by the training thread
/// alone; disposing it (when the attempt ends) takes the run's series out of the export.
/// </summary>
public sealed class RunMetrics : ITrainingObserver, IDisposable
{
    readonly Action<RunMetrics> _forget;
    long _lastCheckpointAt = Stopwatch.GetTimestamp();

    internal RunMetrics(string experimentId, string runId, Action<RunMetrics> forget)
    {
        Tags = [new("experiment", experimentId), new("run", runId)];
        _forget = forget;
    }

    internal KeyValuePair<string, object?>[] Tags { get; }
    internal StepDurationHistogram StepDurations { get; } = new();
    internal StepMetrics? LatestStep { get; private set; }
    internal SummaryReport? LatestSummary { get; private set; }

    /// <summary>Steps, images and checkpoints of this attempt.</summary>
    internal long Steps { get; private set; }
    internal long Images { get; private set; }
    internal long Checkpoints { get; private set; }

    /// <summary>Seconds since this attempt's last checkpoint, or since it began: the training a crash would lose.</summary>
    internal double SecondsSinceCheckpoint => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastCheckpointAt)).TotalSeconds;

    public void OnSteps(IReadOnlyList<StepMetrics> steps)
    {
        foreach (var step in steps)
        {
            StepDurations.Record(step.StepSeconds);
            Images += (long)Math.Round(step.ImagesPerSecond * step.StepSeconds);
            Steps++;
            LatestStep = step;
        }
    }

    public void OnSummary(SummaryReport summary)
    {
        LatestSummary = summary;
        Checkpoints++;
        Volatile.Write(ref _lastCheckpointAt, Stopwatch.GetTimestamp());
    }

    public void Dispose() => _forget(this);
}
