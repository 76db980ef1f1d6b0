using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// The names and shapes of pytorch-fid's weights file, as listed in pytorch-fid-inception-state-dict.txt (generated
/// from torchvision's Inception3; its header says how).
/// </summary>
static class PytorchFidStateDict
{
    /// <summary>Parameters of pytorch-fid's InceptionV3 up to pool3 (torchvision's count, in the list's header).</summary>
    public const long Pool3Parameters = 21_785_568;

    public static IReadOnlyList<(string Name, long[] Shape)> Entries { get; } = File
        .ReadLines(Path.Combine(AppContext.BaseDirectory, "Quality", "pytorch-fid-inception-state-dict.txt"))
        .Where(line => !line.StartsWith('#'))
        .Select(line => line.Split(' '))
        .Select(parts => (parts[0], parts[1] == "scalar" ? Array.Empty<long>() : parts[1].Split('x').Select(long.Parse).ToArray()))
        .ToList();

    public static bool IsClassifier(string name) => name.StartsWith("fc.");

    /// <summary>Random values for every entry, as a weights file would hold them (num_batches_tracked: int64 scalars).</summary>
    public static Dictionary<string, Tensor> RandomValues(int seed)
    {
        var generator = new Generator((ulong)seed);
        return Entries.ToDictionary(e => e.Name, e => e.Name.EndsWith("num_batches_tracked")
            ? tensor(1234L)
            : e.Name.EndsWith("running_var")
                ? rand(e.Shape, generator: generator) + 0.5
                : randn(e.Shape, generator: generator) * 0.1);
    }

    /// <summary>A weights file of <see cref="RandomValues"/>, written by TorchSharp.PyBridge in PyTorch's zip format.</summary>
    public static string WriteRandom(string path, int seed)
    {
        var values = RandomValues(seed);
        PyTorchPickler.PickleStateDict(path, values);
        foreach (var tensor in values.Values) tensor.Dispose();
        return path;
    }
}
