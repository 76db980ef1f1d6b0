using System.Diagnostics;
using System.Text;

namespace OrleansGan.Testing;

/// <summary>A real process started by a test, its output kept; killed (with its children) when disposed.</summary>
public sealed class ChildProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _out = new();
    readonly StringBuilder _error = new();

    ChildProcess(Process process) => _process = process;

    public string Name => Path.GetFileName(_process.StartInfo.FileName);
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Out { get { lock (_out) return _out.ToString(); } }
    public string Error { get { lock (_error) return _error.ToString(); } }

    public static ChildProcess Start(string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => Append(child._out, e.Data);
        child._process.ErrorDataReceived += (_, e) => Append(child._error, e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end.</summary>
    public static async Task<ChildProcess> RunAsync(string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var child = Start(fileName, workingDirectory, arguments, environment);
        await child.WaitForExitAsync(limit);
        return child;
    }

    public async Task WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still running after {limit}; output:\n{Out}\n{Error}");
        }
    }

    /// <summary>Waits until probe answers with success, failing early if the process exits.</summary>
    public async Task WaitUntilServingAsync(HttpClient http, Uri probe, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited with {ExitCode}:\n{Out}\n{Error}");
            try
            {
                using var response = await http.GetAsync(probe);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name}: {probe} not answering after {limit}:\n{Out}\n{Error}");
            await Task.Delay(250);
        }
    }

    /// <summary>kill -9 of this process alone: no checkpoint, no goodbye (its children are left to notice).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString()])) await kill.WaitForExitAsync();
        await WaitForExitAsync(limit);
        return ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
