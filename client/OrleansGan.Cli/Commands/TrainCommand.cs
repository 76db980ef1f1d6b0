using System.CommandLine;
using OrleansGan.Cli.Local;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Trainer;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class TrainCommand
{
    public static readonly Option<string> Device = new("--device")
    {
        Description = "auto, cpu, cuda or cuda:N",
        DefaultValueFactory = _ => "auto",
    };

    public static readonly Option<string?> LibTorch = new("--libtorch")
    {
        Description = $"A PyTorch install's torch/lib to load libtorch from (default ${LibTorchDirectory.EnvironmentVariable})",
    };

    public static Command Build()
    {
        var output = new Option<string>("--out") { Description = "The run's directory", Required = true };
        var data = new Option<string>("--data")
        {
            Description = "A directory of the CIFAR-10 binary version",
            DefaultValueFactory = _ => "./data/cifar-10-batches-bin",
        };
        var resume = new Option<bool>("--resume") { Description = "Continue from the newest good checkpoint in --out" };
        var objective = new Option<string>("--objective")
        {
            Description = $"Score every summary by {string.Join(", ", QualityMetrics.All)} (lower is better)",
            DefaultValueFactory = _ => QualityMetrics.Swd,
        };
        var objectiveSamples = new Option<int?>("--objective-samples")
        {
            Description = $"Generated images per score (default: {QualityObjective.DefaultSamples(QualityMetrics.Swd, false)} on CPU, " +
                          $"{QualityObjective.DefaultSamples(QualityMetrics.Swd, true)} on a GPU for swd)",
        };
        var inceptionWeights = new Option<string?>("--inception-weights")
        {
            Description = $"pytorch-fid's Inception-v3 state dict, for fid and kid (default ${QualityObjective.InceptionWeightsVariable})",
        };

        var command = new Command("train", "Train one run locally, no cluster")
        {
            TrainingSettings.Config, TrainingSettings.Set, output, data, Device, LibTorch, resume, objective, objectiveSamples, inceptionWeights,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var config = TrainingSettings.Resolve(parse, new RunConfig());
            var directory = new RunDirectory(parse.GetRequiredValue(output));
            var resuming = parse.GetValue(resume);
            if (!resuming && directory.Checkpoints().Any())
                throw new UsageException($"--out {directory.Root} already holds a run: add --resume, or choose another directory");

            var quality = Objective(parse.GetValue(objective)!, parse.GetValue(objectiveSamples), parse.GetValue(inceptionWeights));

            LibTorchDirectory.LoadConfigured(parse.GetValue(LibTorch));
            var device = TrainingDevice.Resolve(parse.GetValue(Device)!);
            var dataDirectory = parse.GetValue(data)!;
            var dataset = CifarBinaryReader.ReadTrain(dataDirectory);
            var job = new TrainingJob(config, dataset, device, directory)
            {
                Objective = quality,
                StatisticsCache = RealStatisticsCache.BesideDataset(dataDirectory),
            };

            var outcome = await RunWithProgress(progress =>
                job.Run(progress, resuming, checkpointOnCancel: true, cancellation));
            Console.WriteLine($"{outcome.ToString().ToLowerInvariant()}: metrics {directory.MetricsPath}");
            return outcome == TrainingOutcome.Completed ? ExitCodes.Done : ExitCodes.Failed;
        });
        return command;
    }

    static QualityObjective Objective(string metric, int? samples, string? inceptionWeights)
    {
        if (QualityObjective.MetricReason(metric) is { } badMetric) throw new UsageException($"--objective {badMetric}");
        if (samples is { } n && QualityObjective.SamplesReason(metric, n) is { } badSamples) throw new UsageException($"--objective-samples {badSamples}");
        var objective = new QualityObjective
        {
            Metric = metric,
            Samples = samples,
            InceptionWeights = inceptionWeights is null ? null : Path.GetFullPath(inceptionWeights),
        };
        if (!objective.NeedsInceptionWeights) return objective with { InceptionWeights = null };
        var weights = objective.ResolveInceptionWeights(Environment.GetEnvironmentVariable);
        return objective.MissingWeightsReason(weights) is { } missing
            ? throw new UsageException($"--objective {missing}")
            : objective with { InceptionWeights = weights };
    }

    static async Task<TrainingOutcome> RunWithProgress(Func<ITrainingObserver, TrainingOutcome> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await Task.Run(() => run(new ConsoleTrainingProgress(null)));

        TrainingOutcome outcome = default;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("starting", maxValue: 1);
                outcome = await Task.Run(() => run(new ConsoleTrainingProgress(bar)));
            });
        return outcome;
    }
}
