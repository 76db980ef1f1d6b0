using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>The SWD's descriptors: square neighbourhoods of a pyramid level, standardised per colour channel.</summary>
public static class NeighbourhoodDescriptors
{
    /// <summary>
    /// The neighbourhoods of <paramref name="level"/> (N, C, S, S) centred at (<paramref name="y"/>, <paramref name="x"/>),
    /// <paramref name="perImage"/> consecutive ones per image: (M, C, size, size).
    /// </summary>
    public static Tensor Gather(Tensor level, Tensor y, Tensor x, int perImage, int size)
    {
        using var scope = NewDisposeScope();
        var (channels, height, width) = (level.shape[1], level.shape[2], level.shape[3]);
        var device = level.device;
        var half = size / 2;
        var image = arange(y.shape[0], dtype: ScalarType.Int64, device: device).div_(perImage, rounding_mode: RoundingMode.floor);
        var channel = arange(channels, dtype: ScalarType.Int64, device: device).view(1, channels, 1, 1);
        var offsets = arange(-half, half + 1, dtype: ScalarType.Int64, device: device);
        var rows = y.view(-1, 1, 1, 1) + offsets.view(1, 1, size, 1);
        var columns = x.view(-1, 1, 1, 1) + offsets.view(1, 1, 1, size);
        var index = ((image.view(-1, 1, 1, 1) * channels + channel) * height + rows) * width + columns;
        return level.contiguous().view(-1).take(index).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Subtracts each channel's mean and divides by its standard deviation (both over every neighbourhood and position),
    /// then flattens to (M, C * size * size). A channel without variation (flat images) is only centred: dividing by a
    /// zero deviation would give NaN where the distance should just be large.
    /// </summary>
    public static Tensor Normalize(Tensor descriptors)
    {
        using var scope = NewDisposeScope();
        long[] perChannel = [0, 2, 3];
        var (std, mean) = std_mean(descriptors, perChannel, unbiased: false, keepdim: true);
        var divisor = where(std.gt(0), std, ones_like(std));
        return descriptors.sub(mean).div_(divisor).view(descriptors.shape[0], -1).MoveToOuterDisposeScope();
    }

    /// <summary>Every level's standardised descriptors of uint8 or float images (N, C, S, S) with values in [0, 255].</summary>
    public static Tensor[] Compute(Tensor images, SwdParameters parameters, NeighbourhoodCentres centres)
    {
        var pyramid = LaplacianPyramid.Build(images, centres.Y.Count);
        try
        {
            return [.. pyramid.Select((level, i) =>
            {
                using var raw = Gather(level, centres.Y[i], centres.X[i], parameters.NeighbourhoodsPerImage, parameters.NeighbourhoodSize);
                return Normalize(raw);
            })];
        }
        finally
        {
            foreach (var level in pyramid) level.Dispose();
        }
    }
}
