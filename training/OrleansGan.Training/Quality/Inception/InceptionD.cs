using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>torchvision's InceptionD (Mixed_7a): reduces 17x17 to 8x8 with strided 3x3, 7x7-then-3x3 and max-pool branches.</summary>
sealed class InceptionD : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch3x3_1, branch3x3_2;
    readonly BasicConv2d branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4;

    public InceptionD(long inputChannels) : base(nameof(InceptionD))
    {
        branch3x3_1 = new BasicConv2d(inputChannels, 192, 1);
        branch3x3_2 = new BasicConv2d(192, 320, 3, stride: 2);
        branch7x7x3_1 = new BasicConv2d(inputChannels, 192, 1);
        branch7x7x3_2 = new BasicConv2d(192, 192, (1, 7), padding: (0, 3));
        branch7x7x3_3 = new BasicConv2d(192, 192, (7, 1), padding: (3, 0));
        branch7x7x3_4 = new BasicConv2d(192, 192, 3, stride: 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        Branch.Concatenate(
            Branch.Chain(input, branch3x3_1, branch3x3_2),
            Branch.Chain(input, branch7x7x3_1, branch7x7x3_2, branch7x7x3_3, branch7x7x3_4),
            nn.functional.max_pool2d(input, 3, stride: 2));
}
