using OrleansGan.Training.Configuration;
using OrleansGan.Training.Model;
using OrleansGan.Training.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Checkpoints;

/// <summary>The seed's last step: load a chosen checkpoint's generator and draw a grid of new images.</summary>
public static class CheckpointSampler
{
    public static void WriteGrid(string checkpointPath, Device device, int count, long seed, string pngPath)
    {
        var (header, body, _) = CheckpointFile.Open(checkpointPath);
        using (body)
        {
            var config = RunConfigKeys.FromPairs(header.Config);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var initialization = new Generator((ulong)seed); // its weights are replaced by the checkpoint's below
            var generator = DcganModels.Generator(config, initialization);
            generator.to(device).eval();
            using var parameters = new FlatParameters(generator);
            parameters.Values.LoadFrom(body);
            using var rng = new Generator((ulong)seed, device);
            var latent = randn(count, config.LatentDim, device: device, generator: rng);
            GeneratedGrid.Write(generator, latent, columns: (int)Math.Ceiling(Math.Sqrt(count)), pngPath);
        }
    }
}
