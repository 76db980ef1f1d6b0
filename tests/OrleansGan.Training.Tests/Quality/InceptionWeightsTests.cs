using OrleansGan.Training.Quality;
using OrleansGan.Training.Quality.Inception;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// The loading path on state dicts written here in PyTorch's zip format by TorchSharp.PyBridge's pickler, with the
/// names and shapes of pytorch-fid's file (the real one cannot be downloaded on this machine).
/// </summary>
public sealed class InceptionWeightsTests(InceptionWeightsTests.WrittenWeights written) : IClassFixture<InceptionWeightsTests.WrittenWeights>
{
    /// <summary>Random values for every entry of pytorch-fid's file, and that file written whole; shared by the tests.</summary>
    public sealed class WrittenWeights : IDisposable
    {
        internal TempDirectory Directory { get; } = new();
        public Dictionary<string, Tensor> Saved { get; } = PytorchFidStateDict.RandomValues(seed: 3);
        public string WholeFile { get; }

        public WrittenWeights() => WholeFile = WriteTo(Directory["inception.pth"], Saved);

        public void Dispose()
        {
            foreach (var tensor in Saved.Values) tensor.Dispose();
            Directory.Dispose();
        }
    }

    readonly TempDirectory directory = written.Directory;
    readonly Dictionary<string, Tensor> saved = written.Saved;

    [Fact]
    public void A_written_state_dict_loads_into_every_entry()
    {
        using var network = new FidInceptionV3();

        InceptionWeights.LoadInto(network, written.WholeFile);

        var entries = network.state_dict();
        Assert.Equal(saved.Count - 2, entries.Count);
        foreach (var (name, value) in entries)
            Assert.True(value.eq(saved[name]).all().item<bool>(), $"{name} differs from the file");
    }

    [Fact]
    public void Without_the_classifier_and_batch_counters_it_still_loads()
    {
        var path = Write("pool3-only.pth", saved.Where(e => !PytorchFidStateDict.IsClassifier(e.Key) && !e.Key.EndsWith("num_batches_tracked")));
        using var network = new FidInceptionV3();

        InceptionWeights.LoadInto(network, path);

        Assert.True(network.state_dict()["Mixed_7c.branch_pool.bn.running_var"].eq(saved["Mixed_7c.branch_pool.bn.running_var"]).all().item<bool>());
    }

    [Fact]
    public void Files_that_are_not_the_weights_are_refused_with_one_line()
    {
        var missing = Write("missing.pth", saved.Where(e => e.Key != "Mixed_6b.branch7x7_2.conv.weight"));
        var reshaped = Write("reshaped.pth", saved.Select(e =>
            e.Key == "Mixed_6b.branch7x7_2.conv.weight" ? KeyValuePair.Create(e.Key, zeros(128, 128, 7, 1)) : e));
        var extra = Write("extra.pth", saved.Append(KeyValuePair.Create("AuxLogits.fc.weight", zeros(1008, 768))));
        var legacy = directory["legacy.pth"];
        File.WriteAllBytes(legacy, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
        var torn = directory["torn.pth"];
        File.WriteAllBytes(torn, File.ReadAllBytes(missing).AsSpan(0, 4096).ToArray());

        var cases = new (string Path, string Expected)[]
        {
            (directory["absent.pth"], $"Inception weights {directory["absent.pth"]}: file not found"),
            (missing, $"Inception weights {missing}: not pytorch-fid's FID Inception: Mixed_6b.branch7x7_2.conv.weight is missing"),
            (reshaped, $"Inception weights {reshaped}: Mixed_6b.branch7x7_2.conv.weight has shape [128, 128, 7, 1] where [128, 128, 1, 7] is expected"),
            (extra, $"Inception weights {extra}: not pytorch-fid's FID Inception: unexpected entry AuxLogits.fc.weight"),
            (legacy, $"Inception weights {legacy}: saved in PyTorch's pre-1.6 format, which TorchSharp.PyBridge does not read; " +
                     $"re-save it once with PyTorch 1.6 or later: python3 -c \"import torch; torch.save(torch.load('{legacy}'), 'OUT.pth')\""),
            (torn, $"Inception weights {torn}: not a readable PyTorch state dict ("),
        };
        using var network = new FidInceptionV3();
        foreach (var (path, expected) in cases)
        {
            var error = Assert.Throws<QualityObjectiveException>(() => InceptionWeights.LoadInto(network, path));
            Assert.StartsWith(expected, error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    string Write(string name, IEnumerable<KeyValuePair<string, Tensor>> entries) => WriteTo(directory[name], entries);

    static string WriteTo(string path, IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        PyTorchPickler.PickleStateDict(path, entries.ToDictionary(e => e.Key, e => e.Value));
        return path;
    }
}
