using System.Diagnostics;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// A real `orleansgan-silo` process on loopback, configured the way Kubernetes configures a pod: POD_NAME, POD_IP,
/// cluster and service ids and the Redis connection string in its environment. Its output goes to a log file.
/// </summary>
sealed class SiloProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;

    public string Name { get; }
    public int GatewayPort { get; }
    public string LogPath { get; }

    SiloProcess(string name, Process process, StreamWriter log, int gatewayPort, string logPath) =>
        (Name, _process, _log, GatewayPort, LogPath) = (name, process, log, gatewayPort, logPath);

    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public static async Task<SiloProcess> StartAsync(string name, string role, string clusterId, string redis, string dataDirectory,
        IReadOnlyDictionary<string, string> settings)
    {
        var (siloPort, gatewayPort, httpPort) = (Ports.Free(), Ports.Free(), Ports.Free());
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "orleansgan-silo"))
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = name,
            ["POD_IP"] = "127.0.0.1",
            ["OrleansGan__ClusterId"] = clusterId,
            ["OrleansGan__ServiceId"] = "orleansgan",
            ["OrleansGan__Redis"] = redis,
            ["OrleansGan__Role"] = role,
            ["OrleansGan__DataDirectory"] = dataDirectory,
            ["OrleansGan__SiloPort"] = siloPort.ToString(),
            ["OrleansGan__GatewayPort"] = gatewayPort.ToString(),
            ["Worker__ReportInterval"] = "00:00:00.500",
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Logging__LogLevel__OrleansGan"] = "Debug",
        };
        foreach (var (key, value) in environment.Concat(settings)) start.Environment[key] = value;
        var logPath = Path.Combine(dataDirectory, $"{name}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(name, process, log, gatewayPort, logPath);
        await silo.WaitUntilHealthyAsync(httpPort);
        return silo;
    }

    async Task WaitUntilHealthyAsync(int httpPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{httpPort}/healthz")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"silo {Name} not healthy within 2 minutes; see {LogPath}");
    }

    /// <summary>kill -9: no checkpoint, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
