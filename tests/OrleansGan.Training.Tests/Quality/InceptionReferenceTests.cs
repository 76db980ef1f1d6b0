using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

public class InceptionReferenceTests
{
    [Fact]
    public void Written_reference_reads_back_equal()
    {
        using var features = rand(new long[] { 40, 16 }, generator: new Generator(2));
        using var reference = InceptionReference.Of(features);
        using var stream = new MemoryStream();

        reference.WriteTo(stream);
        stream.Position = 0;
        using var read = InceptionReference.ReadFrom(stream);

        Assert.Equal(40, read.Statistics.Count);
        Assert.True(read.Features.eq(features).all().item<bool>());
        Assert.True(read.Statistics.Mean.eq(reference.Statistics.Mean).all().item<bool>());
        Assert.True(read.Statistics.Covariance.eq(reference.Statistics.Covariance).all().item<bool>());
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Torn_or_foreign_files_are_refused()
    {
        using var features = rand(new long[] { 10, 8 }, generator: new Generator(3));
        using var reference = InceptionReference.Of(features);
        using var whole = new MemoryStream();
        reference.WriteTo(whole);
        var bytes = whole.ToArray();

        foreach (var length in new[] { 0, 4, 9, 20, bytes.Length / 3, bytes.Length / 2, bytes.Length - 9, bytes.Length - 1 })
        {
            using var torn = new MemoryStream(bytes[..length]);
            Assert.Throws<InvalidDataException>(() => InceptionReference.ReadFrom(torn));
        }
        using var foreign = new MemoryStream("{\"swd\": 1}"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => InceptionReference.ReadFrom(foreign));
    }
}
