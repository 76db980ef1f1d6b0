using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>
/// The per-run instruments of a worker, labelled experiment and run. Every one is observed through a callback over the
/// runs training here now, so a finished or cancelled run stops being exported at the next collection.
/// </summary>
public sealed class RunTelemetry
{
    readonly ConcurrentDictionary<RunMetrics, byte> _live = new(ReferenceEqualityComparer.Instance);

    public RunTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(WorkerMeter.Name);
        meter.CreateObservableGauge("orleansgan.run.loss.d1", () => Each(r => r.LatestStep?.D1), description: "Discriminator loss on real images (the seed's d1)");
        meter.CreateObservableGauge("orleansgan.run.loss.d2", () => Each(r => r.LatestStep?.D2), description: "Discriminator loss on generated images (the seed's d2)");
        meter.CreateObservableGauge("orleansgan.run.loss.g", () => Each(r => r.LatestStep?.G), description: "Generator loss (the seed's g)");
        meter.CreateObservableGauge("orleansgan.run.accuracy.real.ratio", () => Each(r => r.LatestSummary?.AccuracyReal), "1", "Discriminator accuracy on real images at the last summary");
        meter.CreateObservableGauge("orleansgan.run.accuracy.fake.ratio", () => Each(r => r.LatestSummary?.AccuracyFake), "1", "Discriminator accuracy on generated images at the last summary");
        meter.CreateObservableGauge("orleansgan.run.quality", Quality, description: "Sample-quality score of the latest summary, per metric (swd, fid, kid); lower is better");
        meter.CreateObservableCounter("orleansgan.run.steps", () => Each<long>(r => r.Steps), "{step}", "Training steps of the current attempt");
        meter.CreateObservableCounter("orleansgan.run.images", () => Each<long>(r => r.Images), "{image}", "Images trained on by the current attempt");
        meter.CreateObservableCounter("orleansgan.run.checkpoints", () => Each<long>(r => r.Checkpoints), "{checkpoint}", "Checkpoints written by the current attempt");
        meter.CreateObservableGauge("orleansgan.run.checkpoint.age", () => Each<double>(r => r.SecondsSinceCheckpoint), "s", "Seconds since the last checkpoint (or since the attempt began)");
        meter.CreateObservableUpDownCounter("orleansgan.run.step.duration.seconds.bucket", StepDurationBuckets, description: "Steps that took at most le seconds (a Prometheus histogram's buckets)");
        meter.CreateObservableUpDownCounter("orleansgan.run.step.duration.seconds.sum", () => Each<double>(r => r.StepDurations.Snapshot().Sum), description: "Seconds spent in steps (the histogram's sum)");
        meter.CreateObservableUpDownCounter("orleansgan.run.step.duration.seconds.count", () => Each<long>(r => r.StepDurations.Snapshot().Count), description: "Steps timed (the histogram's count)");
    }

    /// <summary>Exports the numbers of one attempt until the returned metrics are disposed.</summary>
    public RunMetrics Track(string experimentId, string runId)
    {
        var run = new RunMetrics(experimentId, runId, r => _live.TryRemove(r, out _));
        _live[run] = 0;
        return run;
    }

    IEnumerable<Measurement<T>> Each<T>(Func<RunMetrics, T?> read) where T : struct =>
        from run in _live.Keys
        let value = read(run)
        where value is not null
        select new Measurement<T>(value.Value, run.Tags);

    IEnumerable<Measurement<double>> Quality() =>
        from run in _live.Keys
        let summary = run.LatestSummary
        where summary is not null
        from score in summary.Scores
        where double.IsFinite(score.Value)
        select new Measurement<double>(score.Value, [.. run.Tags, new("metric", score.Key)]);

    IEnumerable<Measurement<long>> StepDurationBuckets() =>
        from run in _live.Keys
        from bucket in run.StepDurations.Snapshot().Buckets
        select new Measurement<long>(bucket.Count, [.. run.Tags, new("le", bucket.Le)]);
}
