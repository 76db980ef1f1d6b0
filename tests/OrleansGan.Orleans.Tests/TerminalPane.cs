using System.Diagnostics;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A command in a tmux pseudo-terminal of a given size, on a tmux server of its own (killed on dispose): the screen a
/// person would see, read back with capture-pane.
/// </summary>
sealed class TerminalPane : IDisposable
{
    readonly string _socket = $"orleansgan-test-{Guid.NewGuid():N}";

    public int Columns { get; }

    TerminalPane(int columns) => Columns = columns;

    /// <summary>Starts <paramref name="command"/> (a shell line) in <paramref name="directory"/>; the pane stays after it exits, with "EXIT=code" below its output.</summary>
    public static async Task<TerminalPane> StartAsync(int columns, int rows, string directory, string command)
    {
        var pane = new TerminalPane(columns);
        await pane.Tmux("new-session", "-d", "-x", columns.ToString(), "-y", rows.ToString(), "-s", "test", "-c", directory,
            $"{command}; echo EXIT=$?; sleep 3600");
        return pane;
    }

    /// <summary>The screen, a line the terminal wrapped joined again (-J): such a line is longer than <see cref="Columns"/>.</summary>
    public Task<string> ScreenAsync() => Tmux("capture-pane", "-p", "-J", "-t", "test");

    public Task SendKeysAsync(string keys) => Tmux("send-keys", "-t", "test", keys);

    /// <summary>The screen once <paramref name="done"/> holds for it.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var screen = await ScreenAsync();
            if (done(screen)) return screen;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the screen never got there:\n{screen}");
            await Task.Delay(250);
        }
    }

    async Task<string> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-L", _socket }.Concat(args)) start.ArgumentList.Add(arg);
        using var tmux = Process.Start(start)!;
        var output = await tmux.StandardOutput.ReadToEndAsync();
        var error = await tmux.StandardError.ReadToEndAsync();
        await tmux.WaitForExitAsync();
        if (tmux.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(" ", args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        // The server's end takes the pane's shell and everything it started with it (SIGHUP).
        using var kill = Process.Start(new ProcessStartInfo("tmux") { ArgumentList = { "-L", _socket, "kill-server" }, RedirectStandardError = true })!;
        kill.WaitForExit();
    }
}
