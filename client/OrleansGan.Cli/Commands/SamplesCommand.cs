using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Runs;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Devices;

namespace OrleansGan.Cli.Commands;

internal static class SamplesCommand
{
    public static Command Build()
    {
        var source = new Argument<string>("source") { Description = "A checkpoint file, or a run id" };
        var step = new Option<long?>("--step") { Description = "With a run id: the checkpoint at this step (default: the run's best-scored, else its latest)" };
        var count = new Option<int>("--count") { Description = "How many images", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent points", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The PNG to write", Required = true };

        var command = new Command("samples", "Draw a grid of new images from a checkpoint's generator (the seed's final 10x10 grid)")
        {
            source, step, count, seed, output, TrainCommand.Device, TrainCommand.LibTorch,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 1024) throw new UsageException($"--count {n}: must be between 1 and 1024");
            var given = parse.GetRequiredValue(source);
            var checkpoint = File.Exists(given) ? given : await RunCheckpoint(parse, given, parse.GetValue(step), cancellation);
            LibTorchDirectory.LoadConfigured(parse.GetValue(TrainCommand.LibTorch));
            var device = TrainingDevice.Resolve(parse.GetValue(TrainCommand.Device)!);
            var png = parse.GetRequiredValue(output);
            CheckpointSampler.WriteGrid(checkpoint, device, n, parse.GetValue(seed), png);
            Console.WriteLine(Path.GetFullPath(png));
            return ExitCodes.Done;
        });
        return command;
    }

    static async Task<string> RunCheckpoint(ParseResult parse, string runId, long? step, CancellationToken cancellation)
    {
        await using var session = await ClusterSession.OpenAsync(parse, preferEmbedded: false, cancellation);
        var run = await session.Client.Run(runId);
        var record = step is { } s
            ? run.Checkpoints.FirstOrDefault(c => c.Step == s) ?? throw new UsageException(
                $"run {runId} has no checkpoint at step {s} (it has: {string.Join(", ", run.Checkpoints.Select(c => c.Step))})")
            : run.BestCheckpoint ?? throw new UsageException($"run {runId} has no checkpoint yet");
        var metric = run.Spec.Objective.Metric;
        await Console.Error.WriteLineAsync(step is not null ? $"{runId}: the checkpoint at step {record.Step}"
            : run.BestScore is { } score ? $"{runId}: its best checkpoint by {metric}, step {record.Step} ({metric} {Formats.Number(score)})"
            : $"{runId}: no {metric} score yet, its latest checkpoint, step {record.Step}");
        var root = session.ArtifactRoot ?? throw new UsageException(
            "give --data-dir: the folder where this machine sees the cluster's artifact root");
        return ArtifactPaths.Resolve(root, record.Path);
    }
}
