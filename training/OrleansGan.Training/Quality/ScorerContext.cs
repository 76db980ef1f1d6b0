using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Model;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>What a scorer needs to find or compute its real statistics.</summary>
/// <param name="Samples">Images per score on each side, resolved for the device.</param>
/// <param name="InceptionWeights">The resolved weights file for fid and kid; null for swd.</param>
public sealed record ScorerContext(
    string Metric, int Samples, string? InceptionWeights, CifarDataset Dataset, RealStatisticsCache Cache, Device Device)
{
    public string DatasetIdentity => Quality.DatasetIdentity.Of(Dataset);

    /// <summary>
    /// <see cref="Samples"/> real images, uint8 (N, 3, 32, 32) on the device, chosen by <paramref name="seed"/>: distinct
    /// images while the set has enough, else drawn with replacement.
    /// </summary>
    public Tensor RealImages(long seed)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(unchecked((ulong)seed));
        var count = Dataset.Count;
        var index = count >= Samples
            ? randperm(count, generator: random)[..Samples]
            : randint(0, count, [Samples], dtype: ScalarType.Int64, generator: random);
        using var all = tensor(Dataset.Images, [count, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize]);
        return all.index_select(0, index).to(Device).MoveToOuterDisposeScope();
    }
}
