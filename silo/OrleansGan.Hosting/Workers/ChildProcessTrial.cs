using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// The worker's side of <see cref="TrialIsolation.Process"/>: starts a child trainer process for one trial, replays
/// its events on the trial's observer, and turns a stop into SIGTERM (the child checkpoints, then exits) and abandoning
/// into closing its input (it exits without writing more).
/// </summary>
internal static class ChildProcessTrial
{
    /// <summary>This silo's own executable, which runs a trial when given the command "trial".</summary>
    public static IReadOnlyList<string> OwnCommand()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Assembly.GetEntryAssembly()!.Location] : [host];
    }

    /// <exception cref="TrialProcessException">the child failed or died (its exit code and last error line).</exception>
    public static TrainingOutcome Run(IReadOnlyList<string> command, TrialRequest request, ITrainingObserver observer, CancellationToken stop,
        CancellationToken abandon)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1).Append(TrialProcess.Command)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string? lastError = null;
        process.ErrorDataReceived += (_, e) => lastError = string.IsNullOrWhiteSpace(e.Data) ? lastError : e.Data;
        process.BeginErrorReadLine();
        process.StandardInput.WriteLine(JsonSerializer.Serialize(request, TrialEvent.Json));
        process.StandardInput.Flush();
        using (stop.Register(() => Terminate(process)))
        using (abandon.Register(() => process.StandardInput.Close()))
        {
            while (process.StandardOutput.ReadLine() is { } line)
                JsonSerializer.Deserialize<TrialEvent>(line, TrialEvent.Json)!.Replay(observer);
            process.WaitForExit();
        }
        return process.ExitCode switch
        {
            0 => TrainingOutcome.Completed,
            TrialProcess.StoppedExitCode => TrainingOutcome.Cancelled,
            var code => throw new TrialProcessException($"trainer process {process.Id} exited with code {code}: {lastError ?? "no message"}"),
        };
    }

    static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]);
        kill.WaitForExit();
    }
}
