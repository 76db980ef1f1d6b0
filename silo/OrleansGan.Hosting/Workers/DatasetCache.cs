using System.Collections.Concurrent;
using OrleansGan.Sweeps;
using OrleansGan.Training.Data;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// Train sets in memory, one per source, shared by every run on this worker. Synthetic sets are
/// written once under the artifact root's datasets/ folder and read back like CIFAR-10.
/// </summary>
internal sealed class DatasetCache(string artifactRoot)
{
    readonly ConcurrentDictionary<string, Lazy<CifarDataset>> _sets = new();

    public CifarDataset Get(DataSource data)
    {
        var directory = data.Cifar10Directory ?? Path.Combine(Path.GetFullPath(artifactRoot), "datasets", $"synthetic-{data.SyntheticImages}-{data.SyntheticSeed}");
        var lazy = _sets.GetOrAdd(directory, d => new Lazy<CifarDataset>(() =>
        {
            if (data.Cifar10Directory is null && !Directory.Exists(d)) SyntheticCifar.Write(d, data.SyntheticImages, data.SyntheticSeed);
            return CifarBinaryReader.ReadTrain(d);
        }));
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
}
