using System.Collections.Concurrent;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Data;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// Train sets in memory, one per source, shared by every run on this worker's threads. Synthetic sets are
/// written once under the artifact root's datasets/ folder and read back like CIFAR-10.
/// </summary>
internal sealed class DatasetCache(string artifactRoot)
{
    readonly ConcurrentDictionary<string, Lazy<CifarDataset>> _sets = new();

    /// <param name="directory">From <see cref="Directory"/>.</param>
    public CifarDataset Get(string directory)
    {
        var lazy = _sets.GetOrAdd(directory, d => new Lazy<CifarDataset>(() => CifarBinaryReader.ReadTrain(d)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _sets.TryRemove(directory, out _);
            throw;
        }
    }

    /// <summary>Where the set's binary files are; a synthetic set is written there first when it is not yet.</summary>
    public string Directory(DataSource data)
    {
        if (data.Cifar10Directory is { } cifar) return cifar;
        var directory = ArtifactPaths.Resolve(artifactRoot, ArtifactPaths.SyntheticDataset(data));
        lock (_sets)
        {
            if (!System.IO.Directory.Exists(directory)) SyntheticCifar.Write(directory, data.SyntheticImages, data.SyntheticSeed);
        }
        return directory;
    }
}
