using OrleansGan.Training.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>The seed DCGAN's two networks (shared/spec/seed-dcgan.md), layer for layer.</summary>
public static class DcganModels
{
    public const int ImageChannels = 3;
    public const int ImageSize = 32;

    /// <summary>32x32x3 image in [-1, 1] -> one logit (the seed's sigmoid lives in the loss).</summary>
    /// <param name="initialization">A CPU generator the initial weights are drawn from.</param>
    public static Sequential Discriminator(RunConfig config, Generator dropoutGenerator, Generator initialization)
    {
        var slope = config.LeakySlope;
        var model = nn.Sequential(
            ("conv_1", nn.Conv2d(ImageChannels, 64, 3, stride: 1, padding: 1)),
            ("leaky_relu_1", nn.LeakyReLU(slope)),
            ("conv_2", nn.Conv2d(64, 128, 3, stride: 2, padding: 1)),
            ("leaky_relu_2", nn.LeakyReLU(slope)),
            ("conv_3", nn.Conv2d(128, 128, 3, stride: 2, padding: 1)),
            ("leaky_relu_3", nn.LeakyReLU(slope)),
            ("conv_4", nn.Conv2d(128, 256, 3, stride: 2, padding: 1)),
            ("leaky_relu_4", nn.LeakyReLU(slope)),
            ("flatten", nn.Flatten()),
            ("dropout", new SeededDropout(config.Dropout, dropoutGenerator)),
            ("dense", nn.Linear(256 * 4 * 4, 1)));
        KerasInitialization.Apply(model, initialization);
        return model;
    }

    /// <summary>latent_dim standard-normal values -> 32x32x3 image in [-1, 1].</summary>
    /// <param name="initialization">A CPU generator the initial weights are drawn from.</param>
    public static Sequential Generator(RunConfig config, Generator initialization)
    {
        var slope = config.LeakySlope;
        var model = nn.Sequential(
            ("dense", nn.Linear(config.LatentDim, 256 * 4 * 4)),
            ("leaky_relu_1", nn.LeakyReLU(slope)),
            ("reshape", nn.Unflatten(1, [256, 4, 4])),
            ("conv_transpose_1", nn.ConvTranspose2d(256, 128, 4, stride: 2, padding: 1)),
            ("leaky_relu_2", nn.LeakyReLU(slope)),
            ("conv_transpose_2", nn.ConvTranspose2d(128, 128, 4, stride: 2, padding: 1)),
            ("leaky_relu_3", nn.LeakyReLU(slope)),
            ("conv_transpose_3", nn.ConvTranspose2d(128, 128, 4, stride: 2, padding: 1)),
            ("leaky_relu_4", nn.LeakyReLU(slope)),
            ("conv_out", new ImageConv2d(128, ImageChannels)),
            ("tanh", nn.Tanh()));
        KerasInitialization.Apply(model, initialization);
        return model;
    }
}
