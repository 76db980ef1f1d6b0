using OrleansGan.Runs;

namespace OrleansGan.Cli.Output;

internal static class ArtifactLocation
{
    /// <summary>A stored artifact path as this machine sees it: under the artifact root when the CLI knows it, else as stored.</summary>
    public static string Of(string? artifactRoot, string relative) =>
        artifactRoot is null ? relative : ArtifactPaths.Resolve(artifactRoot, relative);
}
