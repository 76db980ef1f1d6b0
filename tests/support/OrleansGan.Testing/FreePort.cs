using System.Net;
using System.Net.Sockets;

namespace OrleansGan.Testing;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (the OS's pick for an ephemeral bind).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
