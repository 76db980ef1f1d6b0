using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>
/// The Inception-v3 of pytorch-fid (src/pytorch_fid/inception.py, use_fid_inception=True) up to its pool3 output:
/// TensorFlow's 2015-12-05 FID graph as torchvision modules, with the FID patches in blocks 5b..5d, 6b..6e, 7b
/// and 7c. Module names are torchvision's Inception3 names, so pytorch-fid's weights file loads by name
/// (see <see cref="InceptionWeights"/>). Its classifier ("fc", 1008 classes) is not part of this network.
/// </summary>
public sealed class FidInceptionV3 : nn.Module<Tensor, Tensor>
{
    /// <summary>Side of the square image the network was trained on; inputs are resized to it.</summary>
    public const int InputSize = 299;

    /// <summary>Width of the pool3 features.</summary>
    public const int FeatureWidth = 2048;

    readonly BasicConv2d Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3, Conv2d_3b_1x1, Conv2d_4a_3x3;
    readonly FidInceptionA Mixed_5b, Mixed_5c, Mixed_5d;
    readonly InceptionB Mixed_6a;
    readonly FidInceptionC Mixed_6b, Mixed_6c, Mixed_6d, Mixed_6e;
    readonly InceptionD Mixed_7a;
    readonly FidInceptionE Mixed_7b, Mixed_7c;

    /// <summary>A network with torchvision's default initialisation; load weights before using its features.</summary>
    public FidInceptionV3() : base(nameof(FidInceptionV3))
    {
        Conv2d_1a_3x3 = new BasicConv2d(3, 32, 3, stride: 2);
        Conv2d_2a_3x3 = new BasicConv2d(32, 32, 3);
        Conv2d_2b_3x3 = new BasicConv2d(32, 64, 3, padding: 1);
        Conv2d_3b_1x1 = new BasicConv2d(64, 80, 1);
        Conv2d_4a_3x3 = new BasicConv2d(80, 192, 3);
        Mixed_5b = new FidInceptionA(192, poolFeatures: 32);
        Mixed_5c = new FidInceptionA(256, poolFeatures: 64);
        Mixed_5d = new FidInceptionA(288, poolFeatures: 64);
        Mixed_6a = new InceptionB(288);
        Mixed_6b = new FidInceptionC(768, channels7x7: 128);
        Mixed_6c = new FidInceptionC(768, channels7x7: 160);
        Mixed_6d = new FidInceptionC(768, channels7x7: 160);
        Mixed_6e = new FidInceptionC(768, channels7x7: 192);
        Mixed_7a = new InceptionD(768);
        Mixed_7b = FidInceptionE.AveragePooled(1280);
        Mixed_7c = FidInceptionE.MaxPooled(2048);
        RegisterComponents();
        eval();
    }

    /// <summary>
    /// N x 3 x H x W images in [-1, 1] -> N x 2048 pool3 features. Resized bilinearly (align_corners false) to
    /// 299 x 299 as pytorch-fid's resize_input does. pytorch-fid takes [0, 1] and maps it to [-1, 1] after
    /// resizing (normalize_input); resizing is affine with weights summing to one, so resizing [-1, 1] directly
    /// gives the same network input.
    /// </summary>
    public override Tensor forward(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
            throw new ArgumentException($"expected N x 3 x H x W images, got [{string.Join(", ", images.shape)}]", nameof(images));
        using var scope = NewDisposeScope();
        var x = images.shape[2] == InputSize && images.shape[3] == InputSize
            ? images.alias()
            : nn.functional.interpolate(images, size: [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false);
        x = Conv2d_1a_3x3.forward(x);
        x = Conv2d_2a_3x3.forward(x);
        x = Conv2d_2b_3x3.forward(x);
        x = nn.functional.max_pool2d(x, 3, stride: 2);
        x = Conv2d_3b_1x1.forward(x);
        x = Conv2d_4a_3x3.forward(x);
        x = nn.functional.max_pool2d(x, 3, stride: 2);
        x = Mixed_5b.forward(x);
        x = Mixed_5c.forward(x);
        x = Mixed_5d.forward(x);
        x = Mixed_6a.forward(x);
        x = Mixed_6b.forward(x);
        x = Mixed_6c.forward(x);
        x = Mixed_6d.forward(x);
        x = Mixed_6e.forward(x);
        x = Mixed_7a.forward(x);
        x = Mixed_7b.forward(x);
        x = Mixed_7c.forward(x);
        x = nn.functional.adaptive_avg_pool2d(x, [1, 1]);
        return x.flatten(1).MoveToOuterDisposeScope();
    }
}
