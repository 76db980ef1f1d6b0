using System.Globalization;
using System.Security.Cryptography;
using OrleansGan.Training.Configuration;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// FID or KID as a run's objective: pytorch-fid's Inception-v3 on the run's device against the real side's pool3
/// features, cached per data set, sample count and weights file (by content). One forward pass gives both scores: the
/// objective's is the value, the other and KID's standard deviation are details.
/// </summary>
public sealed class InceptionQualityScorer : IQualityScorer
{
    /// <summary>The cache entry's metric: FID and KID share the real side's features.</summary>
    const string CacheMetric = "inception-pool3";
    const long RealSeed = 0;

    readonly InceptionScorer _inception;
    readonly InceptionReference _reference;

    InceptionQualityScorer(string metric, InceptionScorer inception, InceptionReference reference) =>
        (Metric, _inception, _reference) = (metric, inception, reference);

    public string Metric { get; }

    /// <param name="context">Its metric fid or kid, its weights file resolved and present.</param>
    /// <exception cref="QualityObjectiveException">The weights file is not pytorch-fid's weights.</exception>
    public static InceptionQualityScorer Create(ScorerContext context)
    {
        var weights = context.InceptionWeights ?? throw new ArgumentException("fid and kid need a weights file", nameof(context));
        var inception = InceptionScorer.Load(weights, context.Device);
        try
        {
            var key = new RealStatisticsKey(context.DatasetIdentity, CacheMetric,
            [
                KeyValuePair.Create("samples", context.Samples.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create("real_seed", RealSeed.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create("weights_sha256", Sha256Of(weights)),
            ]);
            var stored = context.Cache.GetOrCompute(key, () =>
            {
                using var images = context.RealImages(RealSeed);
                using var scaled = ToInceptionRange(images);
                return inception.Reference(scaled).Tensors;
            });
            return new InceptionQualityScorer(context.Metric, inception, InceptionReference.From(stored));
        }
        catch
        {
            inception.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="random"/> draws KID's subsets and nothing else.</summary>
    public QualityScore Score(Tensor images, Generator random)
    {
        using var scaled = ToInceptionRange(images);
        var seed = (int)randint(0, int.MaxValue, [1], dtype: ScalarType.Int64, generator: random).item<long>();
        var (fid, kid) = _inception.Score(scaled, _reference, seed);
        var details = new Dictionary<string, double>
        {
            [QualityMetrics.Fid] = fid, [QualityMetrics.Kid] = kid.Mean, [$"{QualityMetrics.Kid}_std"] = kid.StandardDeviation,
        };
        var value = details[Metric];
        details.Remove(Metric);
        return new QualityScore(value, details);
    }

    /// <summary>uint8 images (0..255) to Inception's input range, [-1, 1].</summary>
    static Tensor ToInceptionRange(Tensor images) => images.to(float32).div_(127.5).sub_(1);

    static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        _inception.Dispose();
        _reference.Dispose();
    }
}
