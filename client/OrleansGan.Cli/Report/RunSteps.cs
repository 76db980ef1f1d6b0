using System.Text.Json;
using OrleansGan.Grains.Runs;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Cli.Report;

/// <summary>
/// A run's per-step numbers for the charts: every step from its metrics.jsonl under the artifact root, or the run
/// grain's bounded history when that file is out of reach (no --data-dir for a cluster, or the file is unreadable).
/// </summary>
internal sealed record RunSteps(IReadOnlyList<MetricPoint> Points, string Source)
{
    public const string FromJournal = "metrics.jsonl";

    public static RunSteps Load(RunSnapshot run, string? artifactRoot)
    {
        var history = $"the run grain's history (at most {MetricHistory.Capacity} points)";
        if (artifactRoot is null) return new RunSteps(run.History, history);
        var path = new RunDirectory(ArtifactPaths.Resolve(artifactRoot, run.Spec.ArtifactDirectory)).MetricsPath;
        if (!File.Exists(path)) return new RunSteps(run.History, $"{history}: no {path}");
        try
        {
            var points = new MetricsJournal(path).Read()
                .Where(line => line.Step is not null)
                .Select(line => line.Step!)
                .Select(s => new MetricPoint(s.Step, s.Epoch, s.D1, s.D2, s.G, s.StepSeconds, s.ImagesPerSecond))
                .ToList();
            return new RunSteps(points, FromJournal);
        }
        catch (JsonException e)
        {
            return new RunSteps(run.History, $"{history}: {path} is unreadable ({e.Message})");
        }
    }
}
