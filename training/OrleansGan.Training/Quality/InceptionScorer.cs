using OrleansGan.Training.Quality.Inception;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// FID and KID with pytorch-fid's Inception-v3 on one device: pool3 features of images in [-1, 1] (any size;
/// resized to 299 x 299), the real side's <see cref="InceptionReference"/> (computed once, cached by the caller),
/// and the scores of generated images against it. <see cref="InceptionQualityScorer"/> makes it a run's objective.
/// </summary>
public sealed class InceptionScorer : IDisposable
{
    /// <summary>Images per forward pass, as pytorch-fid's default.</summary>
    public const int DefaultBatchSize = 50;

    readonly FidInceptionV3 network;
    readonly Device device;
    readonly int batchSize;

    internal InceptionScorer(FidInceptionV3 network, Device device, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.network = network.to(device);
        this.device = device;
        this.batchSize = batchSize;
    }

    /// <summary>Loads pytorch-fid's weights from <paramref name="weightsPath"/>.</summary>
    /// <exception cref="QualityObjectiveException">One line naming the file and what is wrong with it.</exception>
    public static InceptionScorer Load(string weightsPath, Device device, int batchSize = DefaultBatchSize)
    {
        var network = new FidInceptionV3();
        try
        {
            InceptionWeights.LoadInto(network, weightsPath);
            return new InceptionScorer(network, device, batchSize);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>N x 3 x H x W images in [-1, 1], on any device -> N x 2048 float32 pool3 features on this scorer's device.</summary>
    public Tensor Features(Tensor images)
    {
        if (images.dim() != 4 || images.shape[0] < 1)
            throw new ArgumentException($"expected N x 3 x H x W images, got [{string.Join(", ", images.shape)}]", nameof(images));
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var batches = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var batch = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start)).to(float32, device);
            batches.Add(network.forward(batch));
        }
        return cat(batches, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The real side: statistics and features of <paramref name="realImages"/>, on the CPU.</summary>
    public InceptionReference Reference(Tensor realImages)
    {
        using var features = Features(realImages);
        return InceptionReference.Of(features);
    }

    /// <summary>FID and KID of <paramref name="generatedImages"/> against <paramref name="reference"/>; the seed draws KID's subsets.</summary>
    public InceptionScores Score(Tensor generatedImages, InceptionReference reference, int seed)
    {
        using var features = Features(generatedImages);
        using var statistics = FeatureStatistics.Of(features);
        var fid = FrechetInceptionDistance.Compute(statistics, reference.Statistics);
        var kid = KernelInceptionDistance.Compute(features, reference.Features, seed);
        return new InceptionScores(fid, kid);
    }

    public void Dispose() => network.Dispose();
}
