using System.Diagnostics;

namespace OrleansGan.Cluster.Tests;

/// <summary>A real redis-server (Debian's package) on a free loopback port, with nothing persisted.</summary>
sealed class RedisServer : IDisposable
{
    readonly Process _process;
    readonly string _directory = Directory.CreateTempSubdirectory("orleansgan-redis-").FullName;

    public int Port { get; } = Ports.Free();
    public string ConnectionString => $"127.0.0.1:{Port}";

    public RedisServer()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory })
            start.ArgumentList.Add(arg);
        try { _process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it (apt-get install redis-server)", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        Ports.WaitUntilListening(Port, TimeSpan.FromSeconds(20), "redis-server");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
        Directory.Delete(_directory, recursive: true);
    }
}
