using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>pytorch-fid's FIDInceptionC (Mixed_6b..6e, 17x17): factorised 7x7 convolutions (1x7 and 7x1).</summary>
sealed class FidInceptionC : nn.Module<Tensor, Tensor>
{
    readonly BasicConv2d branch1x1;
    readonly BasicConv2d branch7x7_1, branch7x7_2, branch7x7_3;
    readonly BasicConv2d branch7x7dbl_1, branch7x7dbl_2, branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5;
    readonly BasicConv2d branch_pool;

    public FidInceptionC(long inputChannels, long channels7x7) : base(nameof(FidInceptionC))
    {
        var c7 = channels7x7;
        branch1x1 = new BasicConv2d(inputChannels, 192, 1);
        branch7x7_1 = new BasicConv2d(inputChannels, c7, 1);
        branch7x7_2 = new BasicConv2d(c7, c7, (1, 7), padding: (0, 3));
        branch7x7_3 = new BasicConv2d(c7, 192, (7, 1), padding: (3, 0));
        branch7x7dbl_1 = new BasicConv2d(inputChannels, c7, 1);
        branch7x7dbl_2 = new BasicConv2d(c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_3 = new BasicConv2d(c7, c7, (1, 7), padding: (0, 3));
        branch7x7dbl_4 = new BasicConv2d(c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_5 = new BasicConv2d(c7, 192, (1, 7), padding: (0, 3));
        branch_pool = new BasicConv2d(inputChannels, 192, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var pooled = Branch.AverageInsideImage(input);
        return Branch.Concatenate(
            branch1x1.forward(input),
            Branch.Chain(input, branch7x7_1, branch7x7_2, branch7x7_3),
            Branch.Chain(input, branch7x7dbl_1, branch7x7dbl_2, branch7x7dbl_3, branch7x7dbl_4, branch7x7dbl_5),
            branch_pool.forward(pooled));
    }
}
