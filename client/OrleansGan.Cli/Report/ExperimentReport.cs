using System.Text;
using OrleansGan.Runs;
using OrleansGan.Training.IO;

namespace OrleansGan.Cli.Report;

/// <summary>Writes a report page (see <see cref="ReportPage"/>) atomically: a reader sees the old file or the whole new one.</summary>
internal static class ExperimentReport
{
    public const int DefaultTop = 12;
    public const double DefaultMaxMegabytes = 2;
    public const string FileName = "report.html";

    public static ReportFile Write(ReportSubject subject, string? artifactRoot, int top, double maxMegabytes, string path)
    {
        var html = ReportPage.Render(subject, artifactRoot, top, (long)(maxMegabytes * 1e6), DateTimeOffset.Now);
        AtomicFile.WriteAllText(path, html);
        return new ReportFile(Path.GetFullPath(path), Encoding.UTF8.GetByteCount(html), subject.Runs.Count, Math.Min(top, subject.Runs.Count));
    }

    /// <summary>Beside the experiment's runs under the artifact root when there is one, else report.html here.</summary>
    public static string DefaultPath(string? artifactRoot, string? experimentId) =>
        artifactRoot is not null && experimentId is not null
            ? Path.Combine(ArtifactPaths.Resolve(artifactRoot, $"experiments/{experimentId}"), FileName)
            : Path.GetFullPath(FileName);
}

/// <param name="RunsInFull">Runs with charts and samples; the others are in the table only.</param>
internal sealed record ReportFile(string Path, long Bytes, int Runs, int RunsInFull);
