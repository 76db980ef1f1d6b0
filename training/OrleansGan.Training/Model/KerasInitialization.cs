using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>Keras' defaults, which the seed ran with: Glorot-uniform kernels, zero biases.</summary>
public static class KerasInitialization
{
    public static void Apply(nn.Module model)
    {
        using var _ = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.EndsWith("bias")) nn.init.zeros_(parameter);
            else if (name.EndsWith("weight")) nn.init.xavier_uniform_(parameter);
        }
    }
}
