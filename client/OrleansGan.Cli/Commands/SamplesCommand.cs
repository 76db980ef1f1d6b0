using System.CommandLine;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Devices;

namespace OrleansGan.Cli.Commands;

internal static class SamplesCommand
{
    public static Command Build()
    {
        var source = new Argument<string>("checkpoint") { Description = "A checkpoint file" };
        var count = new Option<int>("--count") { Description = "How many images", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent points", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "The PNG to write", Required = true };

        var command = new Command("samples", "Draw a grid of new images from a checkpoint's generator (the seed's final 10x10 grid)")
        {
            source, count, seed, output, TrainCommand.Device, TrainCommand.LibTorch,
        };
        command.SetGuardedAction((parse, _) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 1024) throw new UsageException($"--count {n}: must be between 1 and 1024");
            var path = parse.GetRequiredValue(source);
            LibTorchDirectory.LoadConfigured(parse.GetValue(TrainCommand.LibTorch));
            var device = TrainingDevice.Resolve(parse.GetValue(TrainCommand.Device)!);
            var png = parse.GetRequiredValue(output);
            CheckpointSampler.WriteGrid(path, device, n, parse.GetValue(seed), png);
            Console.WriteLine(Path.GetFullPath(png));
            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }
}
