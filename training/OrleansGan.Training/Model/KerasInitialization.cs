using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>
/// Keras' defaults, which the seed ran with: Glorot-uniform kernels, zero biases. Drawn from the run's own generator,
/// never the process-wide one, so runs that share a process (worker threads) initialise alike whatever the others do.
/// </summary>
public static class KerasInitialization
{
    public static void Apply(nn.Module model, Generator generator)
    {
        using var _ = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("bias")) nn.init.zeros_(parameter);
            else if (name.EndsWith("weight")) GlorotUniform(parameter, generator);
        }
    }

    /// <summary>U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), as nn.init.xavier_uniform_ (which takes no generator).</summary>
    static void GlorotUniform(Tensor weight, Generator generator)
    {
        var (fanIn, fanOut) = nn.init.CalculateFanInAndFanOut(weight);
        var bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        weight.uniform_(-bound, bound, generator);
    }
}
