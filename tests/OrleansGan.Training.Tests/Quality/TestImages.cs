using OrleansGan.Training.Data;
using OrleansGan.Training.Model;
using OrleansGan.Training.Quality;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>Image sets for the quality tests, uint8 (N, 3, 32, 32) on the CPU.</summary>
static class TestImages
{
    /// <summary>The first <paramref name="count"/> images of a synthetic set written to <paramref name="directory"/>.</summary>
    public static Tensor Synthetic(string directory, int count, int seed)
    {
        SyntheticCifar.Write(directory, count, seed);
        return Of(CifarBinaryReader.ReadTrain(directory), 0, count);
    }

    public static Tensor Of(CifarDataset dataset, int start, int count)
    {
        using var all = tensor(dataset.Images, [dataset.Count, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize]);
        return all[start..(start + count)].clone();
    }

    /// <summary>The images plus Gaussian noise of standard deviation <paramref name="amplitude"/> (grey levels), clamped.</summary>
    public static Tensor Noisy(Tensor images, double amplitude, int seed)
    {
        using var _ = images;
        using var noise = randn(images.shape, generator: new Generator((ulong)seed));
        return images.to(ScalarType.Float32).add(noise.mul(amplitude)).round().clamp(0, 255).to(ScalarType.Byte);
    }

    /// <summary>Uniform noise: every pixel of every channel drawn from 0..255.</summary>
    public static Tensor Uniform(int count, int seed) =>
        randint(0, 256, [count, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize],
            dtype: ScalarType.Byte, generator: new Generator((ulong)seed));

    /// <summary>Flat images: each one colour, drawn at random.</summary>
    public static Tensor Flat(int count, int seed)
    {
        using var colours = randint(0, 256, [count, DcganModels.ImageChannels, 1, 1], dtype: ScalarType.Byte, generator: new Generator((ulong)seed));
        return colours.expand(count, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize).clone();
    }

    /// <summary>Red and blue swapped.</summary>
    public static Tensor ColourSwapped(Tensor images)
    {
        using var order = tensor(new long[] { 2, 1, 0 });
        return images.index_select(1, order);
    }

    /// <summary>Blurred by the 5x5 binomial filter <paramref name="passes"/> times (mirrored borders).</summary>
    public static Tensor Blurred(Tensor images, int passes)
    {
        using var scope = NewDisposeScope();
        var current = images.to(ScalarType.Float32);
        using var filter = LaplacianPyramid.BinomialFilter(current);
        for (var i = 0; i < passes; i++)
        {
            using var padded = TorchSharp.torch.nn.functional.pad(current, [2, 2, 2, 2], PaddingModes.Reflect);
            current = TorchSharp.torch.nn.functional.conv2d(padded, filter, groups: 3);
        }
        return current.round().clamp(0, 255).to(ScalarType.Byte).MoveToOuterDisposeScope();
    }
}
