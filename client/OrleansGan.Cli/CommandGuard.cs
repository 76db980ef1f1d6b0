using OrleansGan.SweepFiles;
using System.CommandLine;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Quality;

namespace OrleansGan.Cli;

/// <summary>
/// Runs a command's action and turns the errors users can cause, and those of the machine or the cluster, into one
/// line and an exit code: every command's one way out (README: 0 done, 1 failed, 2 bad input). Anything else is one
/// line too, with its stack trace under --verbose. An action stopped by Ctrl+C or SIGTERM exits 130 or 143.
/// </summary>
public static class CommandGuard
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                return await action(parse, cancellation);
            }
            catch (OperationCanceledException) when (Interrupts.IsRequested)
            {
                await Console.Error.WriteLineAsync("interrupted");
                return Interrupts.ExitCode;
            }
            catch (Exception e) when (ExitCodeFor(e) is { } code)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message.ReplaceLineEndings(" ")}");
                return code;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync(parse.GetValue(GlobalOptions.Verbose)
                    ? $"error: {e}"
                    : $"error: {e.GetBaseException().Message.ReplaceLineEndings(" ")} (--verbose shows where)");
                return ExitCodes.Failed;
            }
        });

    static int? ExitCodeFor(Exception e) => e switch
    {
        UsageException or RunConfigException or SweepFileException or InvalidSweepException or UnknownIdException or RunNotStoppedException or QualityObjectiveException => ExitCodes.BadInput,
        OptionsValidationException => ExitCodes.BadInput,
        CifarDataException or CheckpointCorruptException or TorchDeviceException => ExitCodes.Failed,
        IOException or UnauthorizedAccessException or TimeoutException or OrleansException => ExitCodes.Failed,
        OperationCanceledException => ExitCodes.Failed,
        _ => null,
    };
}
