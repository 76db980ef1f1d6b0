using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>Helpers for the Inception blocks' parallel branches, freeing each intermediate as soon as it is used.</summary>
static class Branch
{
    /// <summary>Runs <paramref name="convolutions"/> one after another on <paramref name="input"/>.</summary>
    public static Tensor Chain(Tensor input, params BasicConv2d[] convolutions)
    {
        var output = convolutions[0].forward(input);
        foreach (var convolution in convolutions.Skip(1))
        {
            using var previous = output;
            output = convolution.forward(previous);
        }
        return output;
    }

    /// <summary>Concatenates the branches along the channel axis and frees them.</summary>
    public static Tensor Concatenate(params Tensor[] branches)
    {
        try { return cat(branches, dim: 1); }
        finally { foreach (var branch in branches) branch.Dispose(); }
    }

    /// <summary>
    /// 3x3 average pooling, stride 1, that averages only the pixels inside the image: TensorFlow's pooling in the
    /// FID graph (pytorch-fid's patch of torchvision, which counts the zero padding).
    /// </summary>
    public static Tensor AverageInsideImage(Tensor input) =>
        nn.functional.avg_pool2d(input, 3, stride: 1, padding: 1, count_include_pad: false);
}
