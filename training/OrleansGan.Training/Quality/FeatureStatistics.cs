using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// Mean and covariance (unbiased, as numpy's cov) of a set of feature vectors, in float64 on the CPU; owns its
/// tensors, whatever dispose scope it was made in.
/// </summary>
public sealed class FeatureStatistics : IDisposable
{
    public Tensor Mean { get; }
    public Tensor Covariance { get; }
    public long Count { get; }

    /// <summary>Takes ownership of a float64 CPU mean (D) and covariance (D x D) of <paramref name="count"/> vectors.</summary>
    public FeatureStatistics(Tensor mean, Tensor covariance, long count)
    {
        if (mean.dim() != 1 || !covariance.shape.SequenceEqual([mean.shape[0], mean.shape[0]]))
            throw new ArgumentException($"mean [{string.Join(", ", mean.shape)}] and covariance [{string.Join(", ", covariance.shape)}] do not agree");
        if (mean.dtype != float64 || covariance.dtype != float64 || mean.device_type != DeviceType.CPU || covariance.device_type != DeviceType.CPU)
            throw new ArgumentException("mean and covariance must be float64 tensors on the CPU");
        Mean = mean.DetachFromDisposeScope();
        Covariance = covariance.DetachFromDisposeScope();
        Count = count;
    }

    /// <summary>Statistics of N x D features (N of at least 2) on any device, computed there.</summary>
    public static FeatureStatistics Of(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"expected N x D features with N >= 2, got [{string.Join(", ", features.shape)}]", nameof(features));
        using var scope = NewDisposeScope();
        var values = features.to(float64);
        var mean = values.mean([0]);
        var centred = values - mean;
        var covariance = centred.t().matmul(centred) / (features.shape[0] - 1);
        return new FeatureStatistics(mean.cpu(), covariance.cpu(), features.shape[0]);
    }

    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}
