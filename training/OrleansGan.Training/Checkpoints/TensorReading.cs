using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Checkpoints;

public static class TensorReading
{
    /// <summary>Reads a saved tensor into this one, whatever device it lives on; shapes must agree.</summary>
    public static void LoadFrom(this Tensor target, BinaryReader reader)
    {
        using var saved = TensorExtensionMethods.Load(reader);
        if (!saved.shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"tensor of shape [{string.Join(",", saved.shape)}] where [{string.Join(",", target.shape)}] was expected");
        using var _ = no_grad();
        target.copy_(saved);
    }
}
