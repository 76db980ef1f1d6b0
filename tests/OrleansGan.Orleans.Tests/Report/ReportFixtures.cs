using System.Collections.Immutable;
using OrleansGan.Cli.Report;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.SweepFiles;
using OrleansGan.Training.Imaging;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>
/// Runs as the grains and workers would leave them, written by the test: run snapshots with checkpoint records (scores
/// where given), and under an artifact root each run's metrics.jsonl (through the trainer's own journal) and its grids.
/// </summary>
static class ReportFixtures
{
    public const string ExperimentId = "scored-20260101-000000";

    /// <param name="Scores">One per summary (null: not scored); summaries are evenly spaced and the last is at the last step.</param>
    /// <param name="NonFiniteSteps">Steps whose losses are NaN.</param>
    public sealed record RunPlan(int Steps, double?[] Scores, RunStatus Status = RunStatus.Completed, string? Reason = null, int Failures = 0,
        IReadOnlySet<long>? NonFiniteSteps = null, IReadOnlyList<LineageEntry>? Lineage = null);

    public static ReportSubject Write(string root, params RunPlan[] plans) => Write(root, ExperimentId, plans);

    public static ReportSubject Write(string root, string experimentId, params RunPlan[] plans)
    {
        var sweep = SweepFileParser.ParseText("name: scored\ndata: { synthetic: { images: 100, seed: 1 } }\n", "scored.yaml");
        var runs = plans.Select((plan, index) => WriteRun(root, experimentId, sweep, index, plan)).ToList();
        var entry = new ExperimentEntry(experimentId, "scored", null, runs.Count, ExperimentStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var counts = new RunCounts(0, runs.Count(r => !r.Status.IsFinished()), runs.Count(r => r.Status == RunStatus.Completed),
            runs.Count(r => r.Status == RunStatus.Failed), runs.Count(r => r.Status == RunStatus.Cancelled));
        var experiment = new ExperimentSnapshot(entry, sweep, counts, runs.Count, [], []);
        return new ReportSubject("scored", [experiment], runs);
    }

    static RunSnapshot WriteRun(string root, string experimentId, OrleansGan.Sweeps.SweepDefinition sweep, int index, RunPlan plan)
    {
        var runId = RunIds.For(experimentId, index);
        var relative = ArtifactPaths.RunDirectory(experimentId, runId);
        var directory = new RunDirectory(ArtifactPaths.Resolve(root, relative));
        var journal = new MetricsJournal(directory.MetricsPath);
        var random = new Random(index);
        var steps = Enumerable.Range(1, plan.Steps).Select(step =>
        {
            var loss = plan.NonFiniteSteps?.Contains(step) == true ? double.NaN : 1 + Math.Sin(step / 50.0) + random.NextDouble() * 0.3;
            return new StepMetrics(step, 1, step, plan.Steps, loss, loss / 2, loss * 2, 0.1, 100 + index);
        }).ToList();
        journal.OnSteps(steps);
        var checkpoints = new List<CheckpointRecord>();
        for (var s = 0; s < plan.Scores.Length; s++)
        {
            var step = (long)plan.Steps * (s + 1) / plan.Scores.Length;
            var grid = directory.GridPath(s + 1);
            Png.WriteRgb(grid, 100, 100, Noise(random, 100 * 100 * 3));
            var scores = plan.Scores[s] is { } score ? ImmutableDictionary<string, double>.Empty.Add("swd", score) : ImmutableDictionary<string, double>.Empty;
            journal.OnSummary(new SummaryReport(step, s + 1, 0.6, 0.4, grid, directory.CheckpointPath(step), "00") { Scores = scores });
            checkpoints.Add(new CheckpointRecord(step, s + 1, $"{relative}/checkpoints/step-{step}/checkpoint.bin", "00", 0.6, 0.4,
                ArtifactPaths.Relative(root, grid), DateTimeOffset.UnixEpoch) { Scores = scores });
        }
        var config = new[] { KeyValuePair.Create("lr_g", 0.0001 * (index + 1)), KeyValuePair.Create("grid", 7.0) };
        var spec = new RunSpec(experimentId, index, [config[0]], config, sweep.Data, 0, 3, relative);
        var history = steps.Select(s => new MetricPoint(s.Step, s.Epoch, s.D1, s.D2, s.G, s.StepSeconds, s.ImagesPerSecond)).ToList();
        var attempts = plan.Failures + (plan.Status == RunStatus.Failed ? 0 : 1);
        return new RunSnapshot(runId, spec, plan.Status, plan.Reason, attempts, plan.Failures, plan.Steps, plan.Steps, history, checkpoints,
            "test-worker (cpu)", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Lineage = plan.Lineage ?? [] };
    }

    static byte[] Noise(Random random, int bytes)
    {
        var noise = new byte[bytes];
        random.NextBytes(noise);
        return noise;
    }
}
