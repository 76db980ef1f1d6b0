using System.Runtime.InteropServices;

namespace OrleansGan.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM, for the whole process. The first cancels the running command's token: the command
/// checkpoints what trains, stops its embedded silo and exits 130 (SIGINT) or 143 (SIGTERM). A second one ends the
/// process at once, after one line saying what was not saved.
/// </summary>
/// <remarks>
/// System.CommandLine's own handling is switched off: it ends the process 2 s after the signal whatever the action still
/// does, and a step plus a checkpoint can take longer; worse, the process then exits while libtorch still computes on
/// another thread, and libtorch's teardown at exit crashes under it (a segmentation fault). The second signal ends the
/// process with _exit: no exit handlers, no native teardown that could race a computing thread.
/// </remarks>
internal static class Interrupts
{
    public const int AfterSigint = 130;
    public const int AfterSigterm = 143;

    static readonly CancellationTokenSource Requested = new();
    static int _signals;
    static int _exitCode = AfterSigint;
    static Func<string?>? _unsaved;

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public static CancellationToken Token => Requested.Token;

    public static bool IsRequested => Requested.IsCancellationRequested;

    /// <summary>The exit code of a command that stopped because it was asked to: 130 after Ctrl+C, 143 after SIGTERM.</summary>
    public static int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>Catches SIGINT and SIGTERM until disposed.</summary>
    public static IDisposable Listen()
    {
        var registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToList();
        return new Registrations(registrations);
    }

    /// <summary>
    /// What would be lost if the process ended now, asked on a second interrupt (e.g. "r001: steps 31..37 (its checkpoint
    /// at step 37 was being written)"); null or empty when nothing would be.
    /// </summary>
    public static void DescribeUnsavedWork(Func<string?> describe) => _unsaved = describe;

    static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Volatile.Write(ref _exitCode, context.Signal == PosixSignal.SIGTERM ? AfterSigterm : AfterSigint);
            // Not on the signal's thread: the token's callbacks may take a while.
            ThreadPool.QueueUserWorkItem(_ => Requested.Cancel());
            return;
        }
        string? unsaved;
        try { unsaved = _unsaved?.Invoke(); }
        catch (Exception e) { unsaved = $"unknown ({e.Message})"; }
        StopAtOnce(unsaved);
    }

    /// <summary>Ends the process now, without waiting for anything, after saying what is lost.</summary>
    public static void StopAtOnce(string? unsaved)
    {
        Console.Error.WriteLine(string.IsNullOrEmpty(unsaved)
            ? "\nstopped at once; nothing was being saved"
            : $"\nstopped at once; not saved: {unsaved}");
        Console.Error.Flush();
        if (OperatingSystem.IsWindows()) Environment.Exit(ExitCode);
        else ImmediateExit(ExitCode);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void ImmediateExit(int status);

    sealed class Registrations(IReadOnlyList<PosixSignalRegistration> registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations) registration.Dispose();
        }
    }
}
