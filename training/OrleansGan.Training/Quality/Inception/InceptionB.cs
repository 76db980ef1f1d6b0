using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>torchvision's InceptionB (Mixed_6a): reduces 35x35 to 17x17 with strided 3x3, double 3x3 and max-pool branches.</summary>
sealed class InceptionB : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch3x3, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3;

    public InceptionB(long inputChannels) : base(nameof(InceptionB))
    {
        branch3x3 = new BasicConv2d(inputChannels, 384, 3, stride: 2);
        branch3x3dbl_1 = new BasicConv2d(inputChannels, 64, 1);
        branch3x3dbl_2 = new BasicConv2d(64, 96, 3, padding: 1);
        branch3x3dbl_3 = new BasicConv2d(96, 96, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        Branch.Concatenate(
            branch3x3.forward(input),
            Branch.Chain(input, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3),
            nn.functional.max_pool2d(input, 3, stride: 2));
}
