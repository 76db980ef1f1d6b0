using System.Text.Json;
using OrleansGan.Testing;
using OrleansGan.Training.Checkpoints;

namespace OrleansGan.Orleans.Tests;

public class CliTests
{
    [Fact]
    public async Task Sweep_run_trains_every_variant_embedded_and_prints_the_comparison()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), SmallSweepFile.TwoRuns("e2e", steps: 3));

        var result = await Cli.RunAsync(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data", "--json");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("completed", json.RootElement.GetProperty("experiment").GetProperty("status").GetString());
        var rows = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["completed", "completed"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([0.0002, 0.0004], rows.Select(r => r.GetProperty("hyperparameters").GetProperty("lr_g").GetDouble()));
        Assert.All(rows, r => Assert.Equal(3, r.GetProperty("step").GetInt64()));
        Assert.All(rows, r => Assert.True(File.Exists(r.GetProperty("best_grid").GetString())));
        Assert.Contains("-r001 [completed]", result.Error);
        // The embedded silo stops quietly: no error lines (issue 12: "No active nodes are compatible with grain slotledger").
        Assert.DoesNotContain("fail:", result.Error);
        Assert.DoesNotContain("crit:", result.Error);
        var checkpoints = Directory.GetFiles(Path.Combine(temp.Path, "data", "experiments"), "checkpoint.bin", SearchOption.AllDirectories);
        Assert.Equal(2, checkpoints.Length);
        foreach (var checkpoint in checkpoints) CheckpointFile.Open(checkpoint).Body.Dispose();
        var grids = Directory.GetFiles(Path.Combine(temp.Path, "data", "experiments"), "e001.png", SearchOption.AllDirectories);
        Assert.Equal(2, grids.Length);
        Assert.All(grids, g => Assert.Equal(0x89, File.ReadAllBytes(g)[0]));

        var listed = await Cli.RunAsync(temp.Path, "experiments", "list", "--local", "--data-dir", "data", "--json");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("\"status\": \"completed\"", listed.Out);
    }

    [Fact]
    public async Task Cluster_status_lists_the_embedded_silo_with_its_role_and_slots()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync(temp.Path, "cluster", "status", "--local", "--data-dir", "data", "--json");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var silo = Assert.Single(json.RootElement.GetProperty("silos").EnumerateArray());
        Assert.Equal(("both", "active", "cpu", 1, 0),
            (silo.GetProperty("role").GetString(), silo.GetProperty("status").GetString(), silo.GetProperty("accelerator").GetString(),
             silo.GetProperty("slots_free").GetInt32(), silo.GetProperty("slots_busy").GetInt32()));
        Assert.Empty(json.RootElement.GetProperty("waiting").EnumerateArray());
    }

    /// <summary>
    /// A run the scheduler stops is answered "stale" by its grain while its attempt still writes the stop checkpoint:
    /// expected, so not a warning, which would also break a terminal's live view (its lines land inside it).
    /// </summary>
    [Fact]
    public async Task Runs_the_scheduler_stops_in_an_embedded_sweep_log_no_warning()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), SmallSweepFile.Yaml("stops", epochs: 3, stepsPerEpoch: 2,
            lrG: [0.0001, 0.0002, 0.0004], maxConcurrent: 1, batchSize: 8, more: """
            objective:
              samples: 64
            scheduler:
              asha: { grace_epochs: 1, reduction_factor: 3, max_epochs: 3 }
            """));

        var result = await Cli.RunAsync(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("stopped: ASHA rung 1 epochs", result.Error);
        Assert.DoesNotContain("warning:", result.Error);
    }

    public static TheoryData<string, string> BadSweeps => new()
    {
        { "name: Bad_Name\ndata:\n  synthetic: { images: 100 }\n", "sweep.yaml:1: name: " },
        { "name: ok\ndata:\n  synthetic: { images: 100 }\ntrian:\n  epochs: 1\n", "sweep.yaml:4: trian: unknown key (did you mean 'train'?)" },
        { "name: ok\ndata:\n  synthetic: { images: 100 }\ntrain:\n  batch_size: 3\n", "sweep.yaml:5: train.batch_size: must be even and >= 2, got 3" },
        { "name: ok\ndata:\n  synthetic: { images: 100 }\nsearch:\n  parameters:\n    lr_g: { uniform: [0.1, 0.2] }\n", "sweep.yaml:6: search.parameters.lr_g: " },
        { "name: ok\n", "sweep.yaml:1: data: " },
        {
            "name: ok\ndata:\n  synthetic: { images: 100 }\ntrain:\n  epochs: 2\n  summary_every_epochs: 1\nsearch:\n  parameters:\n    lr_g: [0.0001, 0.0002, 0.0004]\n" +
            "scheduler:\n  pbt: { interval_epochs: 1, mutable: [batch_size] }\n",
            "sweep.yaml:11: scheduler.pbt.mutable: batch_size sets the steps per epoch"
        },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public async Task A_bad_sweep_file_is_one_line_with_exit_code_2_and_submits_nothing(string yaml, string expectedStart)
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), yaml);

        var result = await Cli.RunAsync(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + Path.Combine(temp.Path, expectedStart), line.Replace("error: sweep.yaml", "error: " + Path.Combine(temp.Path, "sweep.yaml")));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "data")));
    }

    [Fact]
    public async Task An_unknown_experiment_is_a_clear_error_with_exit_code_2()
    {
        using var temp = new TempDirectory();
        var result = await Cli.RunAsync(temp.Path, "experiments", "show", "nope", "--local", "--data-dir", "data");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: no experiment nope", result.Error);
    }
}
