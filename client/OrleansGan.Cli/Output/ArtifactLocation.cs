using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

internal static class ArtifactLocation
{
    /// <summary>A stored artifact path as this machine sees it: under the artifact root when the CLI knows it, else as stored.</summary>
    public static string Of(string? artifactRoot, string relative) =>
        artifactRoot is null ? relative : ArtifactPaths.Resolve(artifactRoot, relative);

    /// <summary>Said once after paths printed as stored, which do not open from where the CLI runs.</summary>
    public static void SayWhereStoredPathsAre() =>
        AnsiConsole.MarkupLine("[grey]the grid paths are relative to the cluster's data directory (see --data-dir)[/]");
}
