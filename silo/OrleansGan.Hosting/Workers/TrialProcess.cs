using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansGan.Training.Data;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// The child trainer process (`orleansgan-silo trial`): reads a <see cref="TrialRequest"/> line, trains, and writes
/// <see cref="TrialEvent"/> lines. SIGTERM stops it after a checkpoint. The end of its input (the worker is gone, or gave
/// the attempt up) stops it without one: nobody would record that checkpoint, and the run resumes elsewhere from one it knows.
/// Exit codes: 0 completed, 3 stopped, 1 failed (the reason on standard error, one line).
/// </summary>
public static class TrialProcess
{
    public const string Command = "trial";
    public const int StoppedExitCode = 3;

    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        // Ctrl+C in a terminal reaches the whole process group: the worker decides, and forwards its stop as SIGTERM.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = true);
        try
        {
            var request = JsonSerializer.Deserialize<TrialRequest>(input.ReadLine() ?? "null", TrialEvent.Json)
                ?? throw new InvalidDataException("no trial request on standard input");
            _ = Task.Run(() =>
            {
                while (input.Read() >= 0) { }
                abandon.Cancel();
            });
            var outcome = request.Train(CifarBinaryReader.ReadTrain(request.DatasetDirectory), new TrialEventWriter(output), stop.Token, abandon.Token);
            return outcome == TrainingOutcome.Completed ? 0 : StoppedExitCode;
        }
        catch (Exception e)
        {
            error.WriteLine(e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }
}
