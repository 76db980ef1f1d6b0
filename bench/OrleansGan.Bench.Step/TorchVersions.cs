using System.Reflection;

namespace OrleansGan.Bench.Step;

/// <summary>What the numbers were measured with: the TorchSharp version and the libtorch file actually loaded.</summary>
public static class TorchVersions
{
    public static IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["torchsharp"] = InformationalVersion(typeof(TorchSharp.torch).Assembly),
        ["libtorch"] = LibTorch(),
    };

    static string LibTorch()
    {
        var loaded = LoadedLibraryPath("libtorch_cpu.so");
        if (loaded is null) return "not loaded";
        // A libtorch next to this program came from the NuGet package the build names; any other from a PyTorch install.
        var package = typeof(TorchVersions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "LibTorchPackage")?.Value;
        return package is not null && loaded.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal)
            ? $"{package} ({loaded})"
            : loaded;
    }

    static string InformationalVersion(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return version.Split('+')[0];
    }

    /// <summary>The path of a native library this process has mapped, from /proc/self/maps (Linux).</summary>
    static string? LoadedLibraryPath(string fileName) =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => string.Join(' ', fields[5..]))
            .FirstOrDefault(path => Path.GetFileName(path).StartsWith(fileName, StringComparison.Ordinal));
}
