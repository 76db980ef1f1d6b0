using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGan.Testing;
using Xunit.Abstractions;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// The real `orleansgan` process, interrupted by SIGINT/SIGTERM mid-step on a machine made busier (a core spinning), or
/// pointed at a wrong gateway.
/// </summary>
public class CliInterruptTests(ITestOutputHelper output)
{
    static readonly TimeSpan Generous = TimeSpan.FromMinutes(5);

    static ChildProcess Start(string directory, params string[] args) =>
        ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "orleansgan"), directory, args,
            new Dictionary<string, string> { ["COLUMNS"] = "120", ["OMP_NUM_THREADS"] = "1" });

    static async Task Signal(ChildProcess process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    static async Task<Match> WaitForOutput(ChildProcess process, Func<ChildProcess, string> stream, Regex pattern)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            if (pattern.Match(stream(process)) is { Success: true } match) return match;
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"no {pattern} (exited: {process.HasExited}):\n{process.Out}\n{process.Error}");
            await Task.Delay(100);
        }
    }

    static List<long> StepsIn(string metricsPath) => File.ReadLines(metricsPath)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(e => e.GetProperty("kind").GetString() == "step")
        .Select(e => e.GetProperty("step").GetProperty("step").GetInt64())
        .ToList();

    static void AssertNoErrorLines(string error) =>
        Assert.DoesNotContain(error.Split('\n'), line => line.StartsWith("error:") || line.Contains("   at ") || line.Contains("Exception"));

    /// <summary>Piped output is plain lines: no escape sequences, no carriage returns redrawing a line.</summary>
    static void AssertPlain(string text) =>
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n' && c != '\t');

    [Fact]
    public async Task Sweep_run_interrupted_mid_step_checkpoints_the_run_training_starts_no_other_and_running_it_again_continues_every_step_once()
    {
        const int steps = 40;
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), SmallSweepFile.TwoRuns("interrupted", steps));
        using var load = CpuLoad.OneCore();

        string interrupted, other;
        int step;
        bool otherFinishedBefore;
        using (var sweep = Start(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data"))
        {
            // Both runs ask for the one slot at once, so either may train first: the one seen training, well before its
            // last step, is interrupted.
            var training = await WaitForOutput(sweep, p => p.Error, new Regex($@"-(r00[01]) \[running\] .*step ([1-9]|[12]\d)/{steps}\b"));
            interrupted = training.Groups[1].Value;
            other = interrupted == "r000" ? "r001" : "r000";
            otherFinishedBefore = sweep.Error.Contains($"-{other} [completed]");
            await Signal(sweep, "INT");
            await sweep.WaitForExitAsync(Generous);

            output.WriteLine($"interrupted while {interrupted} trained (other run completed before: {otherFinishedBefore}):\n{sweep.Error}");
            Assert.True(sweep.ExitCode == 130, sweep.Error);
            var where = Regex.Match(sweep.Error, @"interrupted experiment \S+: (.*)").Groups[1].Value;
            step = int.Parse(Regex.Match(where, $@"\b{interrupted} checkpointed at step (\d+)/{steps}\b").Groups[1].Value);
            Assert.InRange(step, 1, steps - 1);
            // The other run stays as it was at the interrupt: nothing starts once the embedded silo is stopping.
            Assert.Contains($"{other} {(otherFinishedBefore ? "completed" : "not started")}", where);
            Assert.Contains("`orleansgan sweep run sweep.yaml --data-dir data` continues it", sweep.Error);
            AssertNoErrorLines(sweep.Error);
            AssertPlain(sweep.Out + sweep.Error);
        }
        var experiment = Path.Combine(temp.Path, "data", "experiments");
        var runDirectory = Directory.GetDirectories(experiment, $"*-{interrupted}", SearchOption.AllDirectories).Single();
        Assert.True(File.Exists(Path.Combine(runDirectory, "checkpoints", $"step-{step}", "checkpoint.bin")));
        Assert.Equal(Enumerable.Range(1, step).Select(s => (long)s), StepsIn(Path.Combine(runDirectory, "metrics.jsonl")));
        if (!otherFinishedBefore)
        {
            var otherMetrics = Directory.GetDirectories(experiment, $"*-{other}", SearchOption.AllDirectories)
                .Select(d => Path.Combine(d, "metrics.jsonl")).Where(File.Exists);
            Assert.All(otherMetrics, m => Assert.Empty(StepsIn(m)));
        }

        using var again = Start(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data", "--json");
        await again.WaitForExitAsync(2 * Generous);

        output.WriteLine($"continued:\n{again.Error}");
        Assert.True(again.ExitCode == 0, again.Error);
        var continuing = new Regex($@"(?m)continuing from its checkpoints, {(otherFinishedBefore ? 1 : 0)} of 2 run\(s\) finished: {interrupted} at step {step}$");
        Assert.True(continuing.IsMatch(again.Error), $"expected {continuing} in:\n{again.Error}");
        AssertNoErrorLines(again.Error);
        using var json = JsonDocument.Parse(again.Out);
        Assert.All(json.RootElement.GetProperty("runs").EnumerateArray(), r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        var runs = Directory.GetDirectories(Path.GetDirectoryName(runDirectory)!);
        Assert.Equal(2, runs.Length);
        foreach (var run in runs)
            Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), StepsIn(Path.Combine(run, "metrics.jsonl")));
        var listed = await Cli.RunAsync(temp.Path, "experiments", "list", "--local", "--data-dir", "data", "--json");
        Assert.Single(Regex.Matches(listed.Out, "\"experiment_id\""));
        Assert.True(load.Spinning, "the load stopped before the test's end");
    }

    async Task<string> SyntheticCifar(string directory)
    {
        var prepared = await Cli.RunAsync(directory, "data", "prepare", "--synthetic", "300", "--dir", "data");
        Assert.True(prepared.ExitCode == 0, prepared.Error);
        return prepared.Out.Trim();
    }

    [Fact]
    public async Task Train_under_SIGTERM_mid_step_checkpoints_at_that_step_and_exits_143()
    {
        using var temp = new TempDirectory();
        var data = await SyntheticCifar(temp.Path);
        using var load = CpuLoad.OneCore();

        using var train = Start(temp.Path, "train", "--out", "run", "--data", data, "--device", "cpu",
            "--set", "batch_size=16", "--set", "epochs=1", "--set", "steps_per_epoch=400");
        await WaitForOutput(train, p => p.Out, new Regex(@">1, [1-9]\d*/400"));
        await Signal(train, "TERM");
        await train.WaitForExitAsync(Generous);

        Assert.True(train.ExitCode == 143, train.Out + train.Error);
        var step = int.Parse(Regex.Match(train.Error, @"interrupted at step (\d+): checkpoint").Groups[1].Value);
        Assert.InRange(step, 1, 399);
        Assert.True(File.Exists(Path.Combine(temp.Path, "run", "checkpoints", $"step-{step}", "checkpoint.bin")));
        Assert.Equal(Enumerable.Range(1, step).Select(s => (long)s), StepsIn(Path.Combine(temp.Path, "run", "metrics.jsonl")));
        Assert.Contains("--resume` continues", train.Error);
        AssertNoErrorLines(train.Error);
        AssertPlain(train.Out + train.Error);
    }

    static List<(long Step, double D1, double D2, double G)> LossesIn(string metricsPath) => File.ReadLines(metricsPath)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Where(e => e.GetProperty("kind").GetString() == "step")
        .Select(e => e.GetProperty("step"))
        .Select(s => (s.GetProperty("step").GetInt64(), s.GetProperty("d1").GetDouble(), s.GetProperty("d2").GetDouble(), s.GetProperty("g").GetDouble()))
        .ToList();

    [Fact]
    public async Task Train_interrupted_by_Ctrl_C_and_resumed_has_the_losses_of_a_run_never_interrupted()
    {
        using var temp = new TempDirectory();
        var data = await SyntheticCifar(temp.Path);
        using var load = CpuLoad.OneCore();
        string[] Train(string output) => ["train", "--out", output, "--data", data, "--device", "cpu",
            "--set", "batch_size=16", "--set", "epochs=1", "--set", "steps_per_epoch=40", "--set", "seed=7"];

        using (var train = Start(temp.Path, Train("interrupted")))
        {
            await WaitForOutput(train, p => p.Out, new Regex(@">1, [1-9]\d*/40"));
            await Signal(train, "INT");
            await train.WaitForExitAsync(Generous);
            Assert.True(train.ExitCode == 130, train.Out + train.Error);
        }
        var interruptedAt = LossesIn(Path.Combine(temp.Path, "interrupted", "metrics.jsonl")).Count;
        Assert.InRange(interruptedAt, 1, 39);
        using (var resumed = Start(temp.Path, [.. Train("interrupted"), "--resume"]))
        using (var whole = Start(temp.Path, Train("whole")))
        {
            await resumed.WaitForExitAsync(Generous);
            await whole.WaitForExitAsync(Generous);
            Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
            Assert.True(whole.ExitCode == 0, whole.Out + whole.Error);
        }

        var expected = LossesIn(Path.Combine(temp.Path, "whole", "metrics.jsonl"));
        Assert.Equal(40, expected.Count);
        Assert.Equal(expected, LossesIn(Path.Combine(temp.Path, "interrupted", "metrics.jsonl")));
    }

    [Fact]
    public async Task A_second_Ctrl_C_stops_train_at_once_saying_what_was_not_saved()
    {
        using var temp = new TempDirectory();
        var data = await SyntheticCifar(temp.Path);
        using var load = CpuLoad.OneCore();

        using var train = Start(temp.Path, "train", "--out", "run", "--data", data, "--device", "cpu",
            "--set", "batch_size=32", "--set", "epochs=1", "--set", "steps_per_epoch=400");
        await WaitForOutput(train, p => p.Out, new Regex(@">1, [1-9]\d*/400"));
        await Signal(train, "INT");
        await Signal(train, "INT");
        await train.WaitForExitAsync(Generous);

        Assert.True(train.ExitCode == 130, train.Out + train.Error);
        Assert.Contains("stopped at once; not saved: the steps after step 0 (its last checkpoint)", train.Error);
    }

    [Fact]
    public async Task Nothing_listening_at_the_gateway_is_one_line_naming_it_with_exit_code_2()
    {
        using var temp = new TempDirectory();
        var port = FreePort.Next();

        var result = await Cli.RunAsync(temp.Path, "experiments", "list", "--gateway", $"127.0.0.1:{port}");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: --gateway 127.0.0.1:{port}: nothing listens on 127.0.0.1:{port} (connection refused): " +
            "is a silo running there, with that gateway port?", line);
    }

    [Fact]
    public async Task A_gateway_that_accepts_but_never_answers_fails_at_the_connect_timeout_in_one_line()
    {
        using var temp = new TempDirectory();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await Cli.RunAsync(temp.Path, "experiments", "list", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --gateway 127.0.0.1:{port}: 127.0.0.1:{port} accepts connections but no Orleans gateway", line);
    }
}
