using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Devices;

/// <summary>Turns "auto", "cpu", "cuda" or "cuda:N" into a torch device, with a one-line error when it cannot be had.</summary>
public static class TrainingDevice
{
    public static Device Resolve(string spec)
    {
        var text = spec.Trim().ToLowerInvariant();
        if (text == "cpu") return EnsureTorch(() => CPU);
        if (text == "auto") return EnsureTorch(() => cuda.is_available() ? CUDA : CPU);
        if (text == "cuda" || text.StartsWith("cuda:"))
        {
            var index = 0;
            if (text.Length > 4 && !int.TryParse(text[5..], out index) || index < 0)
                throw new TorchDeviceException($"--device {spec}: expected auto, cpu, cuda or cuda:N");
            return EnsureTorch(() =>
            {
                if (!cuda.is_available())
                    throw new TorchDeviceException(
                        $"--device {spec}: CUDA is not available in this libtorch (build with -p:OrleansGanTorchBackend=cuda, " +
                        $"or point {LibTorchDirectory.EnvironmentVariable} at a CUDA PyTorch install's torch/lib)");
                var count = cuda.device_count();
                if (index >= count) throw new TorchDeviceException($"--device {spec}: only {count} CUDA device(s) present");
                return new Device(DeviceType.CUDA, index);
            });
        }
        throw new TorchDeviceException($"--device {spec}: expected auto, cpu, cuda or cuda:N");
    }

    /// <summary>TorchSharp loads its native libraries on first use; a failure there becomes one clear line.</summary>
    static Device EnsureTorch(Func<Device> resolve)
    {
        try { return resolve(); }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            var inner = e.GetBaseException();
            throw new TorchDeviceException($"libtorch could not be loaded: {LibTorchDirectory.FirstLine(inner.Message)}");
        }
    }
}
