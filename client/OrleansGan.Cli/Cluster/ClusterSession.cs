using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orleans.Configuration;
using OrleansGan.Hosting;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

namespace OrleansGan.Cli.Cluster;

/// <summary>
/// The cluster a command talks to: an embedded silo over --data-dir (the default, or --local),
/// or a cluster's gateway (--gateway HOST:PORT or $ORLEANSGAN_GATEWAY).
/// </summary>
internal sealed class ClusterSession(IHost host, IClusterClient client, string? artifactRoot) : IAsyncDisposable
{
    public IClusterClient Client { get; } = client;

    /// <summary>Where this machine sees run artifacts: the data directory when embedded, --data-dir when it was given for a cluster.</summary>
    public string? ArtifactRoot { get; } = artifactRoot;

    /// <param name="preferEmbedded">When neither --local nor --gateway is given: true starts an embedded silo, false needs a gateway.</param>
    public static async Task<ClusterSession> OpenAsync(ParseResult parse, bool preferEmbedded, CancellationToken cancellation)
    {
        var gateway = parse.GetValue(GlobalOptions.Gateway);
        var local = parse.GetValue(GlobalOptions.Local);
        var dataDir = parse.GetValue(GlobalOptions.DataDir)!;
        if (local || (preferEmbedded && string.IsNullOrEmpty(gateway)))
            return await OpenEmbedded(dataDir, parse.GetValue(WorkerSlots) ?? 1, cancellation);
        if (string.IsNullOrEmpty(gateway))
            throw new UsageException($"no cluster to talk to: give --gateway HOST:PORT (or set {GlobalOptions.GatewayVariable}), or --local for an embedded silo");
        var dataDirGiven = parse.GetResult(GlobalOptions.DataDir) is { Implicit: false };
        return await OpenGateway(gateway, dataDirGiven ? dataDir : null, cancellation);
    }

    public static readonly Option<int?> WorkerSlots = new("--slots")
    {
        Description = "Runs the embedded silo trains at once (default 1)",
        Recursive = true,
    };

    static async Task<ClusterSession> OpenEmbedded(string dataDir, int slots, CancellationToken cancellation)
    {
        if (slots is < 1 or > 16) throw new UsageException($"--slots {slots}: must be 1..16");
        var options = new OrleansGanOptions { DataDirectory = dataDir, SiloPort = FreePort(), GatewayPort = FreePort() };
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        var worker = new WorkerOptions { SlotsPerDevice = slots, ArtifactRoot = options.DataDirectory, Name = "embedded" };
        builder.UseOrleans(silo => silo
            .UseEmbeddedCluster(options)
            .AddOrleansGan(SiloRole.Both, worker.Capacity)
            .AddTrainingWorker(worker));
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new ClusterSession(host, host.Services.GetRequiredService<IClusterClient>(), Path.GetFullPath(dataDir));
    }

    static async Task<ClusterSession> OpenGateway(string gateway, string? artifactRoot, CancellationToken cancellation)
    {
        var endpoint = await ParseEndpoint(gateway);
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(endpoint)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = Environment.GetEnvironmentVariable("ORLEANSGAN__CLUSTERID") ?? "orleansgan";
                o.ServiceId = Environment.GetEnvironmentVariable("ORLEANSGAN__SERVICEID") ?? "orleansgan";
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new UsageException($"--gateway {gateway}: cannot connect ({e.GetBaseException().Message})");
        }
        return new ClusterSession(host, host.Services.GetRequiredService<IClusterClient>(),
            artifactRoot is null ? null : Path.GetFullPath(artifactRoot));
    }

    static async Task<IPEndPoint> ParseEndpoint(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new UsageException($"--gateway {gateway}: expected HOST:PORT");
        var host = gateway[..colon];
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host);
            return new IPEndPoint(addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new UsageException($"--gateway {gateway}: cannot resolve {host}");
        }
    }

    static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        // stdout carries the command's output (--json); every log line goes to stderr.
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Error);
        logging.AddFilter("OrleansGan", LogLevel.Warning);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await host.StopAsync(TimeSpan.FromSeconds(90)); }
        finally { host.Dispose(); }
    }
}
