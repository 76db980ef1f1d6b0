using System.CommandLine;
using OrleansGan.SweepFiles;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Devices;
using static TorchSharp.torch;

namespace OrleansGan.Bench.Scoring;

/// <summary>
/// orleansgan-bench-scoring: what scoring costs beside training, at a sweep file's settings (its first run): train steps
/// and summary scores timed alternately in one process, and their ratio per summary.
/// </summary>
public static class ScoringBenchCommand
{
    const int Failed = 1, BadInput = 2;

    static readonly Argument<string> Sweep = new("sweep") { Description = "A sweep file: its first run's settings, data and objective" };
    static readonly Option<string> Device = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
    static readonly Option<int> Rounds = new("--rounds") { Description = "Timed rounds of steps then one score", DefaultValueFactory = _ => 3 };
    static readonly Option<int> Steps = new("--steps") { Description = "Timed train steps per round", DefaultValueFactory = _ => 10 };
    static readonly Option<int?> Threads = new("--threads") { Description = "CPU threads of libtorch (default: its own choice)" };

    /// <returns>0 done, 1 failed, 2 bad input.</returns>
    public static int Run(string[] args)
    {
        var root = new RootCommand("Times scoring against training at a sweep file's settings") { Sweep, Device, Rounds, Steps, Threads };
        root.SetAction(Execute);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            return BadInput;
        }
        return parse.Invoke();
    }

    static int Execute(ParseResult parse)
    {
        var (rounds, steps, threads) = (parse.GetValue(Rounds), parse.GetValue(Steps), parse.GetValue(Threads));
        if (rounds < 1 || steps < 1) return Error(BadInput, "--rounds and --steps must be at least 1");
        if (threads < 1) return Error(BadInput, $"--threads {threads}: must be at least 1");
        try
        {
            var sweep = SweepFileParser.Parse(parse.GetRequiredValue(Sweep));
            var config = RunConfigKeys.FromPairs(SweepExpander.Expand(sweep)[0].Config);
            var device = TrainingDevice.Resolve(parse.GetRequiredValue(Device));
            if (threads is { } count) set_num_threads(count);
            var report = new ScoringCostBenchmark(config, sweep.Data, sweep.Objective.ForTrainer(), device, rounds, steps).Run();
            Console.WriteLine(report.ToText());
            return 0;
        }
        catch (Exception e) when (e is SweepFileException or TorchDeviceException or RunConfigException)
        {
            return Error(e is TorchDeviceException ? Failed : BadInput, e.Message);
        }
    }

    static int Error(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
