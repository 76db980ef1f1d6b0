using System.Text.Json;
using OrleansGan.Testing;
using Xunit.Abstractions;

namespace OrleansGan.GpuCheck.Tests;

/// <summary>
/// bench/gpu-check.sh --device cpu, exactly as a GPU host runs it but on CPU with tiny step counts: from a pack that
/// bench/pack-gpu-host.sh builds here (the .NET runtime, the apps with the external libtorch backend), loading the NuGet
/// CPU libtorch the way a GPU host loads its PyTorch's. The pack is built under this test's output folder and kept, so
/// a second run packs incrementally.
/// </summary>
public class GpuCheckDryRunTests(ITestOutputHelper output)
{
    // Generous: on the shared 2-core machine one pack took 16 minutes from scratch; the check's own stage limits add up to 26.
    static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(30);
    static readonly TimeSpan CheckLimit = TimeSpan.FromMinutes(30);

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly string[] Stages = ["host", "trainer", "step", "sweep-thread", "sweep-process"];
    static readonly string[] Fields =
        ["device", "started", "sizes", "stage_limits_seconds", "stages", "failed_stages", "host", "model", "train", "step", "sweeps",
         "finished", "wall_seconds", "goals", "ok"];

    [Fact]
    public async Task The_cpu_dry_run_passes_every_stage_and_writes_every_figure()
    {
        var pack = Path.Combine(AppContext.BaseDirectory, "gpu-pack");
        var packed = await RunAsync("bench/pack-gpu-host.sh", ["--out", pack], PackLimit);
        Assert.True(packed.ExitCode == 0, $"pack-gpu-host.sh exited with {packed.ExitCode}:\n{packed.Out}\n{packed.Error}");

        var outDirectory = Directory.CreateTempSubdirectory("orleansgan-gpu-check-").FullName;
        try
        {
            var check = await RunAsync("bench/gpu-check.sh", ["--device", "cpu", "--pack", pack, "--out", outDirectory], CheckLimit);
            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "gpu-check.json"))).RootElement;
            Assert.True(check.ExitCode == 0, $"gpu-check.sh exited with {check.ExitCode}:\n{check.Out}\n{check.Error}");
            AssertReport(report, outDirectory);
        }
        finally
        {
            Directory.Delete(outDirectory, recursive: true);
        }
    }

    async Task<Finished> RunAsync(string script, string[] arguments, TimeSpan limit)
    {
        using var child = await ChildProcess.RunAsync(Repository.PathOf(script), Repository.Root, arguments, limit);
        output.WriteLine($"$ {script} {string.Join(' ', arguments)}: exit code {child.ExitCode}\n{child.Out}");
        return new Finished(child.ExitCode, child.Out, child.Error);
    }

    sealed record Finished(int ExitCode, string Out, string Error);

    static void AssertReport(JsonElement report, string outDirectory)
    {
        Assert.Equal(Fields, report.EnumerateObject().Select(p => p.Name));
        Assert.Equal("cpu", report.GetProperty("device").GetString());
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Empty(report.GetProperty("failed_stages").EnumerateArray());
        var stages = report.GetProperty("stages");
        Assert.Equal(Stages, stages.EnumerateObject().Select(p => p.Name));
        foreach (var stage in stages.EnumerateObject())
        {
            Assert.True(stage.Value.GetProperty("ok").GetBoolean(), $"{stage.Name}: {stage.Value}");
            Assert.InRange(stage.Value.GetProperty("seconds").GetDouble(), 0, stage.Value.GetProperty("limit_seconds").GetDouble());
        }

        var host = report.GetProperty("host");
        Assert.Equal(JsonValueKind.Null, host.GetProperty("gpu").ValueKind);
        Assert.True(File.Exists(Path.Combine(host.GetProperty("libtorch").GetString()!, "libtorch.so")));
        Assert.StartsWith("10.", host.GetProperty("dotnet_runtime").GetString());

        var model = report.GetProperty("model");
        Assert.Equal((1_466_115, 522_497), (model.GetProperty("generator_parameters").GetInt32(), model.GetProperty("discriminator_parameters").GetInt32()));

        var train = report.GetProperty("train");
        Assert.Equal((2, 3, 1, 3), (train.GetProperty("steps").GetInt32(), train.GetProperty("resumed_to_step").GetInt32(),
            train.GetProperty("steps_trained_after_resume").GetInt32(), train.GetProperty("checkpoint_step").GetInt32()));
        Assert.True(train.GetProperty("losses_finite").GetBoolean() && train.GetProperty("checkpoint_verified").GetBoolean());
        var grid = File.ReadAllBytes(Path.Combine(outDirectory, "grid.png"));
        Assert.Equal(PngSignature, grid[..8]);

        var step = report.GetProperty("step");
        Assert.Equal(JsonValueKind.Null, step.GetProperty("pytorch").ValueKind);
        Assert.Equal(JsonValueKind.Null, step.GetProperty("ratio_median").ValueKind);
        Assert.True(step.GetProperty("trainer").GetProperty("median_ms").GetDouble() > 0);
        var tf32 = step.GetProperty("trainer_tf32").GetProperty("tf32");
        Assert.True(tf32.GetProperty("matmul").GetBoolean() && tf32.GetProperty("cudnn").GetBoolean());

        foreach (var isolation in new[] { "thread", "process" })
        {
            var sweep = report.GetProperty("sweeps").GetProperty(isolation);
            foreach (var (name, concurrent) in new[] { ("concurrent", 4), ("sequential", 1) })
            {
                var figures = sweep.GetProperty(name);
                Assert.Equal((concurrent, 4, 8), (figures.GetProperty("max_concurrent").GetInt32(), figures.GetProperty("runs").GetInt32(),
                    figures.GetProperty("steps").GetInt32()));
                Assert.True(figures.GetProperty("steps_per_second").GetDouble() > 0);
            }
            Assert.True(sweep.GetProperty("speedup").GetDouble() > 0);
            var placement = sweep.GetProperty("placement");
            Assert.Equal(0, placement.GetProperty("over_commits").GetInt32());
            Assert.True(placement.GetProperty("snapshots").GetInt32() > 0, $"{isolation}: cluster status never answered");
            foreach (var device in placement.GetProperty("peak_trials_by_device").EnumerateObject())
                Assert.InRange(device.Value.GetInt32(), 1, placement.GetProperty("slots_by_device").GetProperty(device.Name).GetInt32());
        }

        var goals = report.GetProperty("goals");
        Assert.True(goals.GetProperty("no_trial_beyond_its_device_slots").GetProperty("met").GetBoolean());
        // The speed goals are a GPU's: measured on CPU, never judged.
        Assert.Equal(JsonValueKind.Null, goals.GetProperty("trainer_step_at_most_0_8x_pytorch").GetProperty("met").ValueKind);
        Assert.Equal(JsonValueKind.Null, goals.GetProperty("four_trials_at_least_2x_one").GetProperty("met").ValueKind);
    }
}
