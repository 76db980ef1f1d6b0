using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// What FID and KID need of the real images, on the CPU: the mean and covariance of their pool3 features (FID)
/// and the features themselves (KID), N x 2048 float32 (8 KiB an image). Written and read whole, so that a
/// cache can keep one per data set; a torn or foreign file is refused on reading.
/// </summary>
public sealed class InceptionReference : IDisposable
{
    static readonly byte[] Magic = "OGINCREF1"u8.ToArray();

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

    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        Statistics.Mean.Save(writer);
        Statistics.Covariance.Save(writer);
        Features.Save(writer);
        writer.Write(Magic);
    }

    /// <exception cref="InvalidDataException">The stream is not a whole reference.</exception>
    public static InceptionReference ReadFrom(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        using var scope = NewDisposeScope();
        try
        {
            ExpectMagic(reader);
            var mean = Tensor.Load(reader);
            var covariance = Tensor.Load(reader);
            var features = Tensor.Load(reader);
            ExpectMagic(reader);
            var width = mean.shape[0];
            if (mean.dtype != float64 || covariance.dtype != float64 || features.dtype != float32 ||
                features.dim() != 2 || features.shape[0] < 2 || features.shape[1] != width)
                throw new InvalidDataException("Inception reference: inconsistent tensors");
            return new InceptionReference(new FeatureStatistics(mean, covariance, features.shape[0]), features);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"Inception reference: {e.Message}", e);
        }
    }

    static void ExpectMagic(BinaryReader reader)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException("Inception reference: not a reference file, or cut short");
    }

    public void Dispose()
    {
        Statistics.Dispose();
        Features.Dispose();
    }
}
