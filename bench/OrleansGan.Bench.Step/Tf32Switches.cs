using static TorchSharp.torch;

namespace OrleansGan.Bench.Step;

/// <summary>
/// TF32 tensor cores for float32 work on CUDA, through the switches TorchSharp 0.107 exposes as in PyTorch:
/// <c>torch.backends.cuda.matmul.allow_tf32</c> (cuBLAS matrix multiplications) and
/// <c>torch.backends.cudnn.allow_tf32</c> (cuDNN convolutions). They are libtorch flags, readable on any device.
/// Touched only with --tf32: a PyTorch newer than the libtorch TorchSharp was built against may lack their symbols,
/// and that must not cost the plain measurement.
/// </summary>
public static class Tf32Switches
{
    public static void AllowForMatmulsAndConvolutions()
    {
        backends.cuda.matmul.allow_tf32 = true;
        backends.cudnn.allow_tf32 = true;
    }

    public static IReadOnlyDictionary<string, bool> Current() => new Dictionary<string, bool>
    {
        ["matmul"] = backends.cuda.matmul.allow_tf32,
        ["cudnn"] = backends.cudnn.allow_tf32,
    };
}
