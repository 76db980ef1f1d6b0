using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

public sealed class InceptionReferenceTests : IDisposable
{
    readonly TempDirectory _temp = new();

    [Fact]
    public void A_reference_stored_in_the_cache_reads_back_equal()
    {
        using var features = rand(new long[] { 40, 16 }, generator: new Generator(2));
        using var reference = InceptionReference.Of(features);
        var key = new RealStatisticsKey("set-a", "inception-pool3", [KeyValuePair.Create("samples", "40")]);

        new RealStatisticsCache(_temp["cache"]).GetOrCompute(key, () => reference.Tensors);
        using var read = InceptionReference.From(
            new RealStatisticsCache(_temp["cache"]).GetOrCompute(key, () => throw new InvalidOperationException("stored, so not computed again")));

        Assert.Equal(40, read.Statistics.Count);
        Assert.True(read.Features.eq(features).all().item<bool>());
        Assert.True(read.Statistics.Mean.eq(reference.Statistics.Mean).all().item<bool>());
        Assert.True(read.Statistics.Covariance.eq(reference.Statistics.Covariance).all().item<bool>());
    }

    [Fact]
    public void Missing_or_inconsistent_tensors_are_refused()
    {
        using var features = rand(new long[] { 10, 8 }, generator: new Generator(3));
        using var reference = InceptionReference.Of(features);
        using var narrow = rand(new long[] { 10, 7 });
        using var wide = reference.Statistics.Covariance.to(float32);

        var cases = new[]
        {
            reference.Tensors.Where(t => t.Key != "covariance").ToDictionary(),
            reference.Tensors.ToDictionary(t => t.Key, t => t.Key == "features" ? narrow : t.Value),
            reference.Tensors.ToDictionary(t => t.Key, t => t.Key == "covariance" ? wide : t.Value),
        };
        foreach (var tensors in cases)
            Assert.Throws<InvalidDataException>(() => InceptionReference.From(tensors));
    }

    public void Dispose() => _temp.Dispose();
}
