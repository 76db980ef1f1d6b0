using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Optim;

/// <summary>
/// Re-homes a module's parameters and their gradients as views of two contiguous buffers,
/// so that an optimizer step or a gradient reset is a handful of kernels over one tensor
/// instead of several kernels per parameter.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;

    public FlatParameters(nn.Module module)
    {
        _parameters = module.parameters().ToList();
        using var _ = no_grad();
        // Every temporary view is disposed here, deterministically: left to the finalizer thread, their
        // release raced the training thread's kernels and corrupted training.
        using var scope = NewDisposeScope();
        Values = cat(_parameters.Select(p => p.detach().flatten()).ToArray()).MoveToOuterDisposeScope();
        Gradients = zeros_like(Values).MoveToOuterDisposeScope();
        long offset = 0;
        foreach (var p in _parameters)
        {
            var count = p.numel();
            p.set_(Values.narrow(0, offset, count).view(p.shape));
            p.grad = Gradients.narrow(0, offset, count).view(p.shape);
            offset += count;
        }
    }

    public Tensor Values { get; }
    public Tensor Gradients { get; }

    public void ZeroGradients() => Gradients.zero_();

    /// <summary>Freezes or unfreezes the module, as Keras' trainable flag does for the combined model.</summary>
    public void SetTrainable(bool trainable)
    {
        foreach (var p in _parameters) p.requires_grad_(trainable);
    }

    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
    }
}
