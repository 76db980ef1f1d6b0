using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>
/// pytorch-fid's FIDInceptionE_1 (Mixed_7b) and FIDInceptionE_2 (Mixed_7c), 8x8: 1x1, split 3x3 (1x3 and 3x1
/// side by side), double split 3x3 and pooled branches. The two differ only in the pooling before branch_pool.
/// </summary>
sealed class FidInceptionE : nn.Module<Tensor, Tensor>
{
    readonly bool maxPool;
    readonly BasicConv2d branch1x1;
    readonly BasicConv2d branch3x3_1, branch3x3_2a, branch3x3_2b;
    readonly BasicConv2d branch3x3dbl_1, branch3x3dbl_2, branch3x3dbl_3a, branch3x3dbl_3b;
    readonly BasicConv2d branch_pool;

    FidInceptionE(long inputChannels, bool maxPool) : base(nameof(FidInceptionE))
    {
        this.maxPool = maxPool;
        branch1x1 = new BasicConv2d(inputChannels, 320, 1);
        branch3x3_1 = new BasicConv2d(inputChannels, 384, 1);
        branch3x3_2a = new BasicConv2d(384, 384, (1, 3), padding: (0, 1));
        branch3x3_2b = new BasicConv2d(384, 384, (3, 1), padding: (1, 0));
        branch3x3dbl_1 = new BasicConv2d(inputChannels, 448, 1);
        branch3x3dbl_2 = new BasicConv2d(448, 384, 3, padding: 1);
        branch3x3dbl_3a = new BasicConv2d(384, 384, (1, 3), padding: (0, 1));
        branch3x3dbl_3b = new BasicConv2d(384, 384, (3, 1), padding: (1, 0));
        branch_pool = new BasicConv2d(inputChannels, 192, 1);
        RegisterComponents();
    }

    /// <summary>Mixed_7b: average pooling over the pixels inside the image, as in TensorFlow's graph.</summary>
    public static FidInceptionE AveragePooled(long inputChannels) => new(inputChannels, maxPool: false);

    /// <summary>
    /// Mixed_7c: the FID graph max-pools here (3x3, stride 1, padding 1) where the paper's Inception averages;
    /// the published FID statistics depend on it, so it is kept.
    /// </summary>
    public static FidInceptionE MaxPooled(long inputChannels) => new(inputChannels, maxPool: true);

    public override Tensor forward(Tensor input)
    {
        using var pooled = maxPool
            ? nn.functional.max_pool2d(input, 3, stride: 1, padding: 1)
            : Branch.AverageInsideImage(input);
        using var split3x3 = branch3x3_1.forward(input);
        using var dbl3x3 = Branch.Chain(input, branch3x3dbl_1, branch3x3dbl_2);
        return Branch.Concatenate(
            branch1x1.forward(input),
            Branch.Concatenate(branch3x3_2a.forward(split3x3), branch3x3_2b.forward(split3x3)),
            Branch.Concatenate(branch3x3dbl_3a.forward(dbl3x3), branch3x3dbl_3b.forward(dbl3x3)),
            branch_pool.forward(pooled));
    }
}
