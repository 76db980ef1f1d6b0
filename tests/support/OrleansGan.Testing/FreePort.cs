using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Testing;

/// <summary>
/// Loopback ports for the servers tests start. They come from below Linux's ephemeral range (32768-60999): a port
/// the OS hands out there (a bind to port 0, any process's outgoing connection) can be taken by another process
/// between the pick and the server's bind, which failed a chaos test's silo with "address already in use".
/// </summary>
public static class FreePort
{
    const int First = 20000, Count = 12000;
    static int _next = Random.Shared.Next(Count);

    /// <summary>A port nothing listens on right now, each call the next in a range that starts at random per test process.</summary>
    public static int Next()
    {
        for (var tries = 0; tries < Count; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port in {First}..{First + Count - 1}");
    }

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
