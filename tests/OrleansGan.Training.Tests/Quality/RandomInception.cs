using OrleansGan.Training.Quality.Inception;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// A <see cref="FidInceptionV3"/> with He-normal convolutions, so that with batch norm at its identity defaults the
/// activations keep their scale through the ~50 layers and the features depend on the image (libtorch's default
/// initialisation shrinks them layer by layer until every image gives nearly the same features).
/// </summary>
static class RandomInception
{
    public static FidInceptionV3 Create(int seed)
    {
        var network = new FidInceptionV3();
        var generator = new Generator((ulong)seed);
        using var _ = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
            if (name.EndsWith("conv.weight"))
            {
                var fanIn = parameter.shape[1] * parameter.shape[2] * parameter.shape[3];
                using var values = randn(parameter.shape, generator: generator) * Math.Sqrt(2.0 / fanIn);
                parameter.copy_(values);
            }
        return network;
    }
}
