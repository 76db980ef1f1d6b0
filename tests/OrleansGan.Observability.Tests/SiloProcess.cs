namespace OrleansGan.Observability.Tests;

/// <summary>
/// A real `orleansgan-silo` on free loopback ports: embedded SQLite state under its own data directory, a CPU worker
/// with two slots, HTTP (/metrics, /healthz, /dashboard) on Url.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    readonly ChildProcess _process;

    SiloProcess(ChildProcess process, Uri url, string gateway) => (_process, Url, Gateway) = (process, url, gateway);

    public Uri Url { get; }
    public string Gateway { get; }
    public HttpClient Http { get; } = new();

    public static async Task<SiloProcess> StartAsync(string directory, bool dashboard = false)
    {
        var httpPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["OrleansGan__DataDirectory"] = Path.Combine(directory, "data"),
            ["OrleansGan__SiloPort"] = FreePort.Next().ToString(),
            ["OrleansGan__GatewayPort"] = gatewayPort.ToString(),
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            // Both names of each worker setting: today's, and the cluster contract's (Accelerator, SlotsPerDevice).
            ["Worker__Accelerator"] = "cpu",
            ["Worker__SlotsPerDevice"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (dashboard) environment["OrleansGan__Dashboard"] = "true";
        Directory.CreateDirectory(directory);
        var process = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "orleansgan-silo"), directory, [], environment);
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), $"127.0.0.1:{gatewayPort}");
        try
        {
            await process.WaitUntilServingAsync(silo.Http, new Uri(silo.Url, "/healthz"), StartLimit);
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
        _process.Dispose();
    }
}
