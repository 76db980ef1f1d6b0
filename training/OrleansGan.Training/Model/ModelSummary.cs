using OrleansGan.Training.Configuration;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>The layer tables of both networks, like Keras' model.summary().</summary>
public sealed record ModelSummary(IReadOnlyList<LayerSummary> Generator, IReadOnlyList<LayerSummary> Discriminator)
{
    public long GeneratorParameters => Generator.Sum(l => l.Parameters);
    public long DiscriminatorParameters => Discriminator.Sum(l => l.Parameters);

    public static ModelSummary Of(RunConfig config)
    {
        using var rng = new Generator((ulong)config.Seed, CPU);
        using var g = DcganModels.Generator(config, rng);
        using var d = DcganModels.Discriminator(config, rng, rng);
        using var latent = zeros(1, config.LatentDim);
        using var image = zeros(1, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize);
        return new ModelSummary(Describe(g, latent), Describe(d, image));
    }

    static List<LayerSummary> Describe(Sequential model, Tensor input)
    {
        model.eval();
        using var _ = no_grad();
        var rows = new List<LayerSummary>();
        var x = input.alias();
        foreach (var (name, layer) in model.named_children())
        {
            var next = ((nn.Module<Tensor, Tensor>)layer).call(x);
            x.Dispose();
            x = next;
            var parameters = layer.parameters().Sum(p => p.numel());
            rows.Add(new LayerSummary(name, ToHwc(x.shape), parameters));
        }
        x.Dispose();
        return rows;
    }

    /// <summary>Torch's NCHW shown as the seed's HWC, batch dimension dropped.</summary>
    static long[] ToHwc(long[] shape) => shape.Length == 4 ? [shape[2], shape[3], shape[1]] : shape[1..];
}
