using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Devices;

/// <summary>
/// Uses the libtorch of a PyTorch install (its torch/lib folder) instead of a NuGet libtorch,
/// so a GPU host with PyTorch and CUDA needs no TorchSharp-cuda package. Must run before any tensor is made.
/// </summary>
public static class LibTorchDirectory
{
    public const string EnvironmentVariable = "ORLEANSGAN_LIBTORCH_DIR";

    static readonly string[] LoadOrder = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];
    static readonly string[] CudaLibraries = ["libc10_cuda.so", "libtorch_cuda.so"];
    static string? _loaded;

    /// <summary>Loads libtorch from <paramref name="directory"/>, or from $ORLEANSGAN_LIBTORCH_DIR when null; does nothing when neither is set.</summary>
    public static void LoadConfigured(string? directory)
    {
        directory ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(directory)) return;
        directory = Path.GetFullPath(directory);
        lock (LoadOrder)
        {
            if (_loaded == directory) return;
            if (_loaded is not null) throw new TorchDeviceException($"libtorch is already loaded from {_loaded}; cannot switch to {directory}");
            Load(directory);
            _loaded = directory;
        }
    }

    static void Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new TorchDeviceException($"libtorch directory {directory} does not exist (set by --libtorch or {EnvironmentVariable})");
        var hasCuda = CudaLibraries.All(f => File.Exists(Path.Combine(directory, f)));
        foreach (var file in LoadOrder)
        {
            var path = Path.Combine(directory, file);
            if (!hasCuda && CudaLibraries.Contains(file)) continue;
            if (!File.Exists(path)) throw new TorchDeviceException($"libtorch directory {directory} has no {file}: is it a PyTorch install's torch/lib?");
            try { NativeLibrary.Load(path); }
            catch (DllNotFoundException e) { throw new TorchDeviceException($"cannot load {path}: {FirstLine(e.Message)}"); }
        }
        if (hasCuda && !TryInitializeDeviceType(DeviceType.CUDA))
            throw new TorchDeviceException($"libtorch from {directory} loaded, but CUDA did not initialise (no GPU or driver?)");
    }

    internal static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
