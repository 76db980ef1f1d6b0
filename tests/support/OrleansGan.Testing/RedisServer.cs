using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Testing;

/// <summary>A real redis-server (Debian's package; test.sh installs it) on a free loopback port, with nothing persisted.</summary>
public sealed class RedisServer : IDisposable
{
    readonly ChildProcess _process;
    readonly string _directory = Directory.CreateTempSubdirectory("orleansgan-redis-").FullName;

    public int Port { get; } = FreePort.Next();
    public string ConnectionString => $"127.0.0.1:{Port}";

    public RedisServer()
    {
        try
        {
            _process = ChildProcess.Start("redis-server", _directory,
                ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it (apt-get install redis-server)", e);
        }
        WaitUntilListening(TimeSpan.FromSeconds(20));
    }

    void WaitUntilListening(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
