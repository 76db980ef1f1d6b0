using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>pytorch-fid's FIDInceptionA (Mixed_5b..5d, 35x35): 1x1, 5x5, double 3x3 and pooled branches.</summary>
sealed class FidInceptionA : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch1x1, branch5x5_1, branch5x5_2, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3, branch_pool;

    public FidInceptionA(long inputChannels, long poolFeatures) : base(nameof(FidInceptionA))
    {
        branch1x1 = new BasicConv2d(inputChannels, 64, 1);
        branch5x5_1 = new BasicConv2d(inputChannels, 48, 1);
        branch5x5_2 = new BasicConv2d(48, 64, 5, padding: 2);
        branch3x3dbl_1 = new BasicConv2d(inputChannels, 64, 1);
        branch3x3dbl_2 = new BasicConv2d(64, 96, 3, padding: 1);
        branch3x3dbl_3 = new BasicConv2d(96, 96, 3, padding: 1);
        branch_pool = new BasicConv2d(inputChannels, poolFeatures, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var pooled = Branch.AverageInsideImage(input);
        return Branch.Concatenate(
            branch1x1.forward(input),
            Branch.Chain(input, branch5x5_1, branch5x5_2),
            Branch.Chain(input, branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3),
            branch_pool.forward(pooled));
    }
}
