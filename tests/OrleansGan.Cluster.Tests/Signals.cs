using System.Runtime.InteropServices;

namespace OrleansGan.Cluster.Tests;

/// <summary>POSIX signals sent at once (no `kill` child process in between), for kills timed to a file appearing.</summary>
static class Signals
{
    const int Kill = 9, Continue = 18, Stop = 19;

    /// <summary>Freezes every thread of the process: from here it sends nothing.</summary>
    public static void Freeze(int pid) => Send(pid, Stop);

    public static void Thaw(int pid) => Send(pid, Continue);

    public static void KillNow(int pid) => Send(pid, Kill);

    static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SendSignal(int pid, int signal);
}
