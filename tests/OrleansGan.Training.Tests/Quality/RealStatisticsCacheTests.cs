using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

public sealed class RealStatisticsCacheTests : IDisposable
{
    readonly TempDirectory _temp = new();
    int _computed;

    RealStatisticsCache Cache => new(_temp["cache"]);

    static RealStatisticsKey Key(string dataset = "set-a", string metric = "swd", string samples = "256") =>
        new(dataset, metric, [KeyValuePair.Create("samples", samples), KeyValuePair.Create("seed", "0")]);

    float[] Values(RealStatisticsKey key, float fill = 1.5f)
    {
        var statistics = Cache.GetOrCompute(key, () =>
        {
            _computed++;
            return new Dictionary<string, Tensor> { ["mean"] = full(3, fill), ["sigma"] = eye(3, dtype: ScalarType.Float64) };
        });
        Assert.Equal(ScalarType.Float64, statistics["sigma"].dtype);
        var values = statistics["mean"].data<float>().ToArray();
        foreach (var t in statistics.Values) t.Dispose();
        return values;
    }

    [Fact]
    public void Computes_once_then_reads_the_stored_statistics()
    {
        Assert.Equal([1.5f, 1.5f, 1.5f], Values(Key()));
        Assert.Equal([1.5f, 1.5f, 1.5f], Values(Key(), fill: 9));

        Assert.Equal(1, _computed);
        Assert.Single(Directory.GetFiles(_temp["cache"]));
    }

    [Fact]
    public void A_different_data_set_metric_or_parameter_never_reuses_an_entry()
    {
        Values(Key());
        Values(Key(dataset: "set-b"));
        Values(Key(metric: "fid"));
        Values(Key(samples: "512"));

        Assert.Equal(4, _computed);
        Assert.Equal(4, Directory.GetFiles(_temp["cache"]).Length);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("empty")]
    public void A_torn_or_corrupt_file_is_computed_again_and_replaced(string damage)
    {
        Values(Key());
        var path = Cache.PathOf(Key());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => [.. bytes[..100], (byte)(bytes[100] ^ 1), .. bytes[101..]],
            _ => [],
        });

        Assert.Equal([7f, 7f, 7f], Values(Key(), fill: 7));
        Assert.Equal([7f, 7f, 7f], Values(Key(), fill: 8));
        Assert.Equal(2, _computed);
    }

    [Fact]
    public void A_valid_file_written_for_another_key_is_not_trusted()
    {
        Values(Key(samples: "512"));
        File.Copy(Cache.PathOf(Key(samples: "512")), Cache.PathOf(Key()));

        Assert.Equal([3f, 3f, 3f], Values(Key(), fill: 3));
        Assert.Equal(2, _computed);
    }

    [Fact]
    public void Swd_keys_its_descriptors_by_the_data_sets_content_and_the_sample_count()
    {
        SyntheticCifar.Write(_temp["a"], 300, seed: 1);
        SyntheticCifar.Write(_temp["a-again"], 300, seed: 1);
        SyntheticCifar.Write(_temp["b"], 300, seed: 2);
        var cache = Cache;
        string Create(string set, int samples)
        {
            var context = new ScorerContext(QualityMetrics.Swd, samples, null, CifarBinaryReader.ReadTrain(_temp[set]), cache, CPU);
            SlicedWassersteinScorer.Create(context).Dispose();
            return Path.GetFileName(Directory.GetFiles(cache.Directory).OrderBy(File.GetLastWriteTimeUtc).Last());
        }

        var first = Create("a", 64);
        Assert.Equal(first, Create("a-again", 64));
        Assert.NotEqual(first, Create("b", 64));
        Assert.NotEqual(first, Create("a", 128));
        Assert.Equal(3, Directory.GetFiles(cache.Directory).Length);
    }

    public void Dispose() => _temp.Dispose();
}
