using System.Globalization;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Quality.Inception;
using OrleansGan.Training.Trainer;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OrleansGan.Orleans.Tests;

/// <summary>`orleansgan train --objective fid|kid` end to end, with an Inception weights file written here (random values).</summary>
public class TrainObjectiveTests
{
    static readonly string[] TinyRun =
    [
        "train", "--data", "data", "--device", "cpu", "--objective-samples", "64",
        "--set", "epochs=2", "--set", "steps_per_epoch=2", "--set", "batch_size=16", "--set", "summary_every_epochs=1",
        "--set", "eval_samples=16", "--set", "grid=3",
    ];

    [Fact]
    public async Task Fid_from_the_environment_variable_scores_every_summary_into_metrics_jsonl()
    {
        using var temp = new TempDirectory();
        SyntheticCifar.Write(Path.Combine(temp.Path, "data"), 100, seed: 2);
        var weights = WriteRandomWeights(Path.Combine(temp.Path, "inception.pth"));

        var result = await Cli.RunAsync(temp.Path, new Dictionary<string, string> { [QualityObjective.InceptionWeightsVariable] = weights },
            [.. TinyRun, "--objective", "fid", "--out", "run"]);

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var summaries = new MetricsJournal(new RunDirectory(Path.Combine(temp.Path, "run")).MetricsPath).Read()
            .Where(l => l.Kind == "summary").Select(l => l.Summary!).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.All(summaries, s =>
        {
            Assert.True(double.IsFinite(s.Scores[QualityMetrics.Fid]) && s.Scores[QualityMetrics.Fid] > 0, $"fid {s.Scores[QualityMetrics.Fid]}");
            Assert.True(double.IsFinite(s.ScoreDetails[QualityMetrics.Kid]));
            Assert.True(s.ScoreSeconds > 0);
        });
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"fid {summaries[0].Scores[QualityMetrics.Fid]:G4}, "), result.Out);
        var cached = Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "data", RealStatisticsCache.FolderName)));
        Assert.StartsWith("inception-pool3-", Path.GetFileName(cached));
    }

    [Fact]
    public async Task Fid_and_kid_without_weights_are_refused_in_one_line_and_swd_still_trains()
    {
        using var temp = new TempDirectory();
        SyntheticCifar.Write(Path.Combine(temp.Path, "data"), 100, seed: 2);
        var noWeights = new Dictionary<string, string> { [QualityObjective.InceptionWeightsVariable] = "" };

        foreach (var metric in new[] { QualityMetrics.Fid, QualityMetrics.Kid })
        {
            var refused = await Cli.RunAsync(temp.Path, noWeights, [.. TinyRun, "--objective", metric, "--out", metric]);

            Assert.Equal(2, refused.ExitCode);
            Assert.Equal(
                $"error: --objective {metric} needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): " +
                "set objective.inception_weights in the sweep file, --inception-weights for train, or ORLEANSGAN_INCEPTION_WEIGHTS",
                refused.Error.Trim());
            Assert.False(Directory.Exists(Path.Combine(temp.Path, metric)));
        }

        var swd = await Cli.RunAsync(temp.Path, noWeights, [.. TinyRun, "--objective", "swd", "--out", "swd"]);
        Assert.True(swd.ExitCode == 0, swd.Out + swd.Error);
        Assert.All(new MetricsJournal(new RunDirectory(Path.Combine(temp.Path, "swd")).MetricsPath).Read().Where(l => l.Kind == "summary"),
            l => Assert.True(l.Summary!.Scores[QualityMetrics.Swd] > 0));
    }

    /// <summary>pytorch-fid's names and shapes (those of <see cref="FidInceptionV3"/> and its 1008-class classifier), random values.</summary>
    static string WriteRandomWeights(string path)
    {
        using var network = new FidInceptionV3();
        var generator = new Generator(11);
        var entries = network.state_dict().ToDictionary(e => e.Key, e => e.Value.is_floating_point()
            ? randn(e.Value.shape, generator: generator) * 0.1 + (e.Key.EndsWith("running_var") ? 1 : 0)
            : e.Value.clone());
        entries["fc.weight"] = randn([1008, FidInceptionV3.FeatureWidth], generator: generator) * 0.01;
        entries["fc.bias"] = zeros(1008);
        PyTorchPickler.PickleStateDict(path, entries);
        foreach (var tensor in entries.Values) tensor.Dispose();
        return path;
    }
}
