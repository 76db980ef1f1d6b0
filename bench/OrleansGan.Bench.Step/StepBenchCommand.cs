using System.CommandLine;
using OrleansGan.Training.Devices;
using static TorchSharp.torch;

namespace OrleansGan.Bench.Step;

/// <summary>orleansgan-bench-step: times the trainer's seed step and prints median, min and steps/s.</summary>
public static class StepBenchCommand
{
    const int Failed = 1, BadInput = 2;

    static readonly Option<string> Device = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
    static readonly Option<string?> LibTorch = new("--libtorch")
    {
        Description = $"A PyTorch install's torch/lib to load libtorch from (default ${LibTorchDirectory.EnvironmentVariable})",
    };
    static readonly Option<int> Warmup = new("--warmup") { Description = "Untimed steps first", DefaultValueFactory = _ => 5 };
    static readonly Option<int> Steps = new("--steps") { Description = "Timed steps", DefaultValueFactory = _ => 20 };
    static readonly Option<int?> Threads = new("--threads") { Description = "CPU threads of libtorch (default: its own choice)" };
    static readonly Option<bool> Tf32 = new("--tf32")
    {
        Description = "Allow TF32 tensor cores for matmuls and convolutions (default: libtorch's own settings)",
    };
    static readonly Option<bool> Json = new("--json") { Description = "Print the report as JSON" };

    /// <returns>0 done, 1 failed, 2 bad input.</returns>
    public static int Run(string[] args)
    {
        var root = new RootCommand("Times the trainer's seed step (batch 128) on random images")
        {
            Device, LibTorch, Warmup, Steps, Threads, Tf32, Json,
        };
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
        var (warmup, steps, threads) = (parse.GetValue(Warmup), parse.GetValue(Steps), parse.GetValue(Threads));
        if (warmup < 0) return Error(BadInput, $"--warmup {warmup}: must be 0 or more");
        if (steps < 1) return Error(BadInput, $"--steps {steps}: must be at least 1");
        if (threads < 1) return Error(BadInput, $"--threads {threads}: must be at least 1");
        try
        {
            LibTorchDirectory.LoadConfigured(parse.GetValue(LibTorch));
            var device = TrainingDevice.Resolve(parse.GetRequiredValue(Device));
            if (threads is { } count) set_num_threads(count);
            var tf32 = parse.GetValue(Tf32);
            if (tf32) Tf32Switches.AllowForMatmulsAndConvolutions();
            var report = new SeedStepBenchmark(device, warmup, steps, tf32).Run();
            Console.WriteLine(parse.GetValue(Json) ? report.ToJson() : report.ToText());
            return 0;
        }
        catch (Exception e) when (e is TorchDeviceException or NonFiniteLossException)
        {
            return Error(Failed, e.Message);
        }
    }

    static int Error(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
