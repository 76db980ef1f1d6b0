using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// What FID and KID need of the real images, on the CPU: the mean and covariance of their pool3 features (FID)
/// and the features themselves (KID), N x 2048 float32 (8 KiB an image). Kept in the <see cref="RealStatisticsCache"/>
/// as named tensors (<see cref="Tensors"/>, <see cref="From"/>).
/// </summary>
public sealed class InceptionReference : IDisposable
{
    const string MeanName = "mean";
    const string CovarianceName = "covariance";
    const string FeaturesName = "features";

    public FeatureStatistics Statistics { get; }
    public Tensor Features { get; }

    InceptionReference(FeatureStatistics statistics, Tensor features)
    {
        Statistics = statistics;
        Features = features.DetachFromDisposeScope();
    }

    /// <summary>The reference of N x D features (N of at least 2), on any device.</summary>
    public static InceptionReference Of(Tensor features)
    {
        var statistics = FeatureStatistics.Of(features);
        return new InceptionReference(statistics, features.to(float32, CPU, copy: true));
    }

    /// <summary>This reference's tensors by name (not copies: they stay this reference's).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => new Dictionary<string, Tensor>
    {
        [MeanName] = Statistics.Mean, [CovarianceName] = Statistics.Covariance, [FeaturesName] = Features,
    };

    /// <summary>The reference held by <paramref name="tensors"/> (as <see cref="Tensors"/> names them), which it takes over.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing or does not fit the others.</exception>
    public static InceptionReference From(IReadOnlyDictionary<string, Tensor> tensors)
    {
        if (!tensors.TryGetValue(MeanName, out var mean) || !tensors.TryGetValue(CovarianceName, out var covariance) ||
            !tensors.TryGetValue(FeaturesName, out var features))
            throw new InvalidDataException($"Inception reference: expected {MeanName}, {CovarianceName} and {FeaturesName}, got {string.Join(", ", tensors.Keys)}");
        if (features.dtype != float32 || features.dim() != 2 || features.shape[0] < 2 || mean.dim() != 1 || features.shape[1] != mean.shape[0])
            throw new InvalidDataException("Inception reference: inconsistent tensors");
        try
        {
            return new InceptionReference(new FeatureStatistics(mean, covariance, features.shape[0]), features.cpu());
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Inception reference: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        Statistics.Dispose();
        Features.Dispose();
    }
}
