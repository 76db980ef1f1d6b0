using System.Security.Cryptography;
using System.Text;

namespace OrleansGan.Training.Quality;

/// <summary>
/// What a cached set of real statistics depends on: the data set (by content), the metric, and every parameter of the
/// metric that changes them (sample count, seeds, network weights, ...). Two keys are the same cache entry only when
/// all of it is equal.
/// </summary>
public sealed record RealStatisticsKey(string Dataset, string Metric, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>One line holding all of the key, stored in the cache file and compared on every read.</summary>
    public string Canonical =>
        $"dataset={Dataset};metric={Metric};" + string.Concat(Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value};"));

    /// <summary>The cache file's name: the metric, and a hash of the whole key.</summary>
    public string FileName => $"{Metric}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)))[..20]}.stats";
}
