using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>
/// Dropout that draws its mask from the run's own generator, so that a run is reproducible
/// (and resumable exactly) even when other runs share the process and its global RNG.
/// </summary>
public sealed class SeededDropout(double probability, Generator generator) : nn.Module<Tensor, Tensor>("dropout")
{
    public override Tensor forward(Tensor input)
    {
        // Sequential disposes what each layer returns once the next has run: never hand back the input itself.
        if (!training || probability == 0) return input.alias();
        using var keep = empty_like(input).bernoulli_(1 - probability, generator);
        return input * keep / (1 - probability);
    }
}
