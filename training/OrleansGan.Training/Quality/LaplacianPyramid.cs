using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace OrleansGan.Training.Quality;

/// <summary>
/// The Laplacian pyramid of Burt and Adelson as OpenCV's pyrDown/pyrUp build it: the 5x5 binomial filter with
/// mirrored borders (d c b | a b c d | c b a), halving by keeping every second pixel, doubling by inserting zeros.
/// </summary>
public static class LaplacianPyramid
{
    const int FilterSize = 5;
    const int Border = FilterSize / 2;

    /// <summary>
    /// Levels of float images (N, C, H, W): level 0 holds the finest detail at H x W, each next one half the size;
    /// the last is the low-pass image itself, so the levels add back up to the input.
    /// </summary>
    public static Tensor[] Build(Tensor images, int levels)
    {
        using var scope = NewDisposeScope();
        var filter = BinomialFilter(images);
        var pyramid = new Tensor[levels];
        var current = images.to(ScalarType.Float32);
        for (var level = 0; level < levels - 1; level++)
        {
            var smaller = Down(current, filter);
            pyramid[level] = current - Up(smaller, filter);
            current = smaller;
        }
        pyramid[levels - 1] = current.alias();
        return [.. pyramid.Select(level => level.MoveToOuterDisposeScope())];
    }

    /// <summary>Blurs and keeps every second row and column (cv2.pyrDown).</summary>
    public static Tensor Down(Tensor images, Tensor filter) => Blur(images, filter, stride: 2);

    /// <summary>Puts each pixel at an even position of a twice-as-large zero image and blurs with 4x the filter (cv2.pyrUp).</summary>
    public static Tensor Up(Tensor images, Tensor filter)
    {
        using var scope = NewDisposeScope();
        var (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        var spread = stack([images, zeros_like(images)], dim: -1).reshape(n, c, h, 2 * w);
        var upsampled = stack([spread, zeros_like(spread)], dim: 3).reshape(n, c, 2 * h, 2 * w);
        return Blur(upsampled, filter * 4, stride: 1).MoveToOuterDisposeScope();
    }

    /// <summary>The 5x5 binomial filter [1 4 6 4 1]^T [1 4 6 4 1] / 256, one copy per channel of <paramref name="like"/>.</summary>
    public static Tensor BinomialFilter(Tensor like)
    {
        using var row = tensor(new float[] { 1, 4, 6, 4, 1 }, device: like.device);
        var channels = like.shape[1];
        return row.outer(row).div_(256).expand(channels, 1, FilterSize, FilterSize).contiguous();
    }

    static Tensor Blur(Tensor images, Tensor filter, long stride)
    {
        using var padded = F.pad(images, [Border, Border, Border, Border], PaddingModes.Reflect);
        return F.conv2d(padded, filter, strides: [stride, stride], groups: images.shape[1]);
    }
}
