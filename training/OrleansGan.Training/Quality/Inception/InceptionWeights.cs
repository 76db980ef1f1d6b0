using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality.Inception;

/// <summary>
/// Loads pytorch-fid's pt_inception-2015-12-05-6726825d.pth (a state dict of torchvision's Inception3 with
/// pytorch-fid's blocks and a 1008-class classifier) into a <see cref="FidInceptionV3"/>, read with
/// TorchSharp.PyBridge. Every entry of the network must be in the file with its shape; the classifier is
/// the only extra the file may hold.
/// </summary>
public static class InceptionWeights
{
    /// <summary>Entries of the file beyond pool3: the classifier, which FID and KID do not use.</summary>
    static readonly HashSet<string> Classifier = ["fc.weight", "fc.bias"];

    /// <summary>Batch norm's update counter: used only in training, and absent from files older than PyTorch 0.4.1.</summary>
    const string BatchCounter = "num_batches_tracked";

    /// <summary>Reads the weights at <paramref name="path"/> into <paramref name="network"/>, on whatever device it lives.</summary>
    /// <exception cref="QualityObjectiveException">No file, or a file that is not these weights.</exception>
    public static void LoadInto(FidInceptionV3 network, string path)
    {
        if (!File.Exists(path)) throw new QualityObjectiveException($"Inception weights {path}: file not found");
        var saved = Read(path);
        try
        {
            var expected = network.state_dict();
            Check(path, saved, expected);
            using var _ = no_grad();
            foreach (var (name, target) in expected)
                if (saved.TryGetValue(name, out var source)) target.copy_(source);
        }
        finally
        {
            foreach (var tensor in saved.Values) tensor.Dispose();
        }
    }

    static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        if (!IsZip(stream))
            throw new QualityObjectiveException(
                $"Inception weights {path}: saved in PyTorch's pre-1.6 format, which TorchSharp.PyBridge does not read; " +
                $"re-save it once with PyTorch 1.6 or later: python3 -c \"import torch; torch.save(torch.load('{path}'), 'OUT.pth')\"");
        Hashtable entries;
        try { entries = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true); }
        catch (Exception e)
        {
            throw new QualityObjectiveException($"Inception weights {path}: not a readable PyTorch state dict ({FirstLine(e.Message)})");
        }
        return entries.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (Tensor)e.Value!);
    }

    /// <summary>PyTorch 1.6 and later save a zip archive; earlier versions a bare pickle stream.</summary>
    static bool IsZip(Stream stream)
    {
        Span<byte> signature = stackalloc byte[4];
        var isZip = stream.Read(signature) == 4 && signature.SequenceEqual("PK\u0003\u0004"u8);
        stream.Position = 0;
        return isZip;
    }

    static void Check(string path, Dictionary<string, Tensor> saved, Dictionary<string, Tensor> expected)
    {
        var missing = expected.Keys.Where(name => !saved.ContainsKey(name) && !name.EndsWith(BatchCounter)).ToList();
        if (missing.Count > 0)
            throw new QualityObjectiveException(
                $"Inception weights {path}: not pytorch-fid's FID Inception: {missing[0]} is missing{More(missing.Count)}");
        var unexpected = saved.Keys.Where(name => !expected.ContainsKey(name) && !Classifier.Contains(name)).ToList();
        if (unexpected.Count > 0)
            throw new QualityObjectiveException(
                $"Inception weights {path}: not pytorch-fid's FID Inception: unexpected entry {unexpected[0]}{More(unexpected.Count)}");
        foreach (var (name, target) in expected)
        {
            if (!saved.TryGetValue(name, out var source)) continue;
            if (!source.shape.SequenceEqual(target.shape))
                throw new QualityObjectiveException(
                    $"Inception weights {path}: {name} has shape [{string.Join(", ", source.shape)}] where [{string.Join(", ", target.shape)}] is expected");
            if (source.is_floating_point() != target.is_floating_point())
                throw new QualityObjectiveException($"Inception weights {path}: {name} is {source.dtype} where {target.dtype} is expected");
        }
    }

    static string More(int count) => count > 1 ? $" (and {count - 1} more)" : "";

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
