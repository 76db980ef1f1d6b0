using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansGan.Training.Tests.Data;

/// <summary>
/// Serves one file over HTTP/1.1 on 127.0.0.1, one connection at a time, closing each after its response,
/// and misbehaves on request as a flaky download server would.
/// </summary>
sealed class LoopbackHttpServer : IAsyncDisposable
{
    public enum Behaviour { Complete, CutHalfway, StallHalfway, NotFound }

    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentQueue<string?> rangeHeaders = new();
    readonly byte[] body;
    readonly Task serving;

    public LoopbackHttpServer(byte[] body)
    {
        this.body = body;
        listener.Start();
        serving = ServeAsync();
    }

    public Behaviour Next { get; set; } = Behaviour.Complete;
    public bool HonoursRange { get; set; } = true;

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/cifar-10-binary.tar.gz");

    /// <summary>The Range header of every request received, null where there was none.</summary>
    public string?[] RangeHeaders => rangeHeaders.ToArray();

    async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                try
                {
                    await RespondAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // the downloader hung up first, as it does when it gives up on a stalled response
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task RespondAsync(NetworkStream stream)
    {
        var range = await ReadRangeHeaderAsync(stream);
        rangeHeaders.Enqueue(range);
        if (Next == Behaviour.NotFound)
        {
            await WriteHeadAsync(stream, "404 Not Found", "Content-Length: 0");
            return;
        }
        var from = HonoursRange && range is not null ? long.Parse(range["bytes=".Length..^1]) : 0;
        if (from >= body.Length)
        {
            await WriteHeadAsync(stream, "416 Range Not Satisfiable", $"Content-Length: 0\r\nContent-Range: bytes */{body.Length}");
            return;
        }
        var head = from > 0
            ? ("206 Partial Content", $"Content-Length: {body.Length - from}\r\nContent-Range: bytes {from}-{body.Length - 1}/{body.Length}")
            : ("200 OK", $"Content-Length: {body.Length}");
        await WriteHeadAsync(stream, head.Item1, head.Item2);
        var rest = body.AsMemory((int)from);
        if (Next == Behaviour.Complete)
        {
            await stream.WriteAsync(rest, stop.Token);
            return;
        }
        await stream.WriteAsync(rest[..(rest.Length / 2)], stop.Token);
        await stream.FlushAsync(stop.Token);
        if (Next == Behaviour.StallHalfway) await Task.Delay(Timeout.Infinite, stop.Token);
    }

    async Task<string?> ReadRangeHeaderAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        string? range = null;
        while (await reader.ReadLineAsync(stop.Token) is { Length: > 0 } line)
            if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
                range = line["Range:".Length..].Trim();
        return range;
    }

    async Task WriteHeadAsync(NetworkStream stream, string status, string headers) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\n{headers}\r\nContent-Type: application/gzip\r\nConnection: close\r\n\r\n"), stop.Token);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving;
        stop.Dispose();
    }
}
