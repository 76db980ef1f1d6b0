namespace OrleansGan.Testing;

/// <summary>
/// A real `orleansgan-silo` (built beside the tests) on free loopback ports: silo, gateway and HTTP (/metrics,
/// /healthz, /readyz, /dashboard at <see cref="Url"/>), with the given settings in its environment; started once it is ready.
/// Without <c>gateway</c> it opens no client gateway (<see cref="GatewayPort"/> 0): clients cannot reach the cluster through it.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    SiloProcess(string name, ChildProcess process, Uri url, int gatewayPort) => (Name, Process, Url, GatewayPort) = (name, process, url, gatewayPort);

    public string Name { get; }
    public ChildProcess Process { get; }
    public Uri Url { get; }
    public int GatewayPort { get; }
    public string Gateway => $"127.0.0.1:{GatewayPort}";
    public HttpClient Http { get; } = new();

    public static async Task<SiloProcess> StartAsync(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings,
        bool gateway = true)
    {
        var httpPort = FreePort.Next();
        var gatewayPort = gateway ? FreePort.Next() : 0;
        var environment = new Dictionary<string, string>(settings)
        {
            ["OrleansGan__SiloPort"] = FreePort.Next().ToString(),
            ["OrleansGan__GatewayPort"] = gatewayPort.ToString(),
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
        };
        Directory.CreateDirectory(workingDirectory);
        var process = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "orleansgan-silo"), workingDirectory, [], environment);
        var silo = new SiloProcess(name, process, new Uri($"http://127.0.0.1:{httpPort}"), gatewayPort);
        try
        {
            // Ready: active in the cluster, its grain storage answering.
            await process.WaitUntilServingAsync(silo.Http, new Uri(silo.Url, "/readyz"), StartLimit);
            return silo;
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }

    public Task<string> ScrapeAsync() => Http.GetStringAsync(new Uri(Url, "/metrics"));

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
