using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace OrleansGan.Training.Model;

/// <summary>
/// The generator's last layer: a 3x3 "same" convolution to the 3 image channels. On CPU it runs with
/// the output channels zero-padded to 16 and sliced back: libtorch 2.10's oneDNN backward pass was seen
/// to return NaN at random when output channels are not a whole number of its 16-channel blocks
/// (uninitialised padding), while 16 never did. The parameters (and their count) are the seed's.
/// </summary>
public sealed class ImageConv2d : nn.Module<Tensor, Tensor>
{
    const int Block = 16;
    readonly Parameter weight;
    readonly Parameter bias;

    public ImageConv2d(long inputChannels, long outputChannels) : base("conv_out")
    {
        using var template = nn.Conv2d(inputChannels, outputChannels, 3, stride: 1, padding: 1);
        weight = new Parameter(template.weight!.detach().clone());
        bias = new Parameter(template.bias!.detach().clone());
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (input.device_type != DeviceType.CPU) return F.conv2d(input, weight, bias, padding: [1, 1]);
        var channels = weight.shape[0];
        var padding = (Block - channels % Block) % Block;
        using var paddedWeight = F.pad(weight, [0, 0, 0, 0, 0, 0, 0, padding]);
        using var paddedBias = F.pad(bias, [0, padding]);
        using var output = F.conv2d(input, paddedWeight, paddedBias, padding: [1, 1]);
        return output.narrow(1, 0, channels);
    }
}
