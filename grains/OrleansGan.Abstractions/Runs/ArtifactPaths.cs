namespace OrleansGan.Runs;

/// <summary>Artifact paths relative to the root every worker shares: experiments/&lt;experiment&gt;/&lt;run&gt;/.</summary>
public static class ArtifactPaths
{
    public static string RunDirectory(string experimentId, string runId) => $"experiments/{experimentId}/{runId}";

    /// <summary>A run's checkpoint of <paramref name="step"/>, as its trainer lays it out.</summary>
    public static string Checkpoint(string runDirectory, long step) => $"{runDirectory}/checkpoints/step-{step}/checkpoint.bin";

    /// <summary>Where workers write a synthetic data set (<see cref="Sweeps.DataSourceKind.Synthetic"/>) once for all its runs.</summary>
    public static string SyntheticDataset(Sweeps.DataSource data) => $"datasets/{Sweeps.DataSetIdentity.Of(data)}";

    /// <summary>Joins a stored relative path onto the root, refusing anything that would land outside it.</summary>
    public static string Resolve(string root, string relative)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"path '{relative}' leads outside the artifact root {fullRoot}");
        return full;
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(path));
}
