using OrleansGan.SweepFiles;
using System.CommandLine;
using OrleansGan.Experiments;
using OrleansGan.Sweeps;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Quality;

namespace OrleansGan.Cli;

/// <summary>Runs a command's action and turns the errors users can cause into one line and an exit code.</summary>
public static class CommandGuard
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                return await action(parse, cancellation);
            }
            catch (Exception e) when (ExitCodeFor(e) is { } code)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return code;
            }
        });

    static int? ExitCodeFor(Exception e) => e switch
    {
        UsageException or RunConfigException or SweepFileException or UnknownIdException or QualityObjectiveException => ExitCodes.BadInput,
        CifarDataException or CheckpointCorruptException or TorchDeviceException => ExitCodes.Failed,
        OperationCanceledException => ExitCodes.Failed,
        _ => null,
    };
}
