using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>
/// torchvision's Inception unit: a convolution without bias, batch normalisation (eps 0.001, as TensorFlow's
/// graph) and ReLU. Its state-dict entries are "conv.weight" and "bn.{weight,bias,running_mean,running_var}".
/// </summary>
sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    readonly Conv2d conv;
    readonly BatchNorm2d bn;

    public BasicConv2d(long inputChannels, long outputChannels, (long, long) kernel, (long, long)? stride = null, (long, long)? padding = null)
        : base(nameof(BasicConv2d))
    {
        conv = nn.Conv2d(inputChannels, outputChannels, kernel, stride: stride, padding: padding, bias: false);
        bn = nn.BatchNorm2d(outputChannels, eps: 0.001);
        register_module("conv", conv);
        register_module("bn", bn);
    }

    public BasicConv2d(long inputChannels, long outputChannels, long kernel, long stride = 1, long padding = 0)
        : this(inputChannels, outputChannels, (kernel, kernel), (stride, stride), (padding, padding))
    {
    }

    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.forward(input);
        using var normalised = bn.forward(convolved);
        return nn.functional.relu(normalised);
    }
}
