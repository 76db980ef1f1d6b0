using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
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

    /// <summary>A silo in this process, set up by the same settings and rules as orleansgan-silo's.</summary>
    static async Task<ClusterSession> OpenEmbedded(string dataDir, int slots, CancellationToken cancellation)
    {
        if (slots is < 1 or > 16) throw new UsageException($"--slots {slots}: must be 1..16");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.DataDirectory)}"] = dataDir,
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.Redis)}"] = null,
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.SiloPort)}"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.GatewayPort)}"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.Role)}"] = nameof(SiloRole.Both),
            [$"{WorkerOptions.Section}:{nameof(WorkerOptions.SlotsPerDevice)}"] = slots.ToString(CultureInfo.InvariantCulture),
            [$"{WorkerOptions.Section}:{nameof(WorkerOptions.Name)}"] = "embedded",
        });
        QuietLogging(builder.Logging);
        var (options, worker) = SiloConfiguration.Resolve(builder.Configuration);
        builder.Services.AddOrleansGanOptions(builder.Configuration);
        builder.UseOrleans(silo => silo
            .UseEmbeddedCluster(options)
            .AddOrleansGan(SiloRole.Both, worker.Capacity)
            .AddTrainingWorker());
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new ClusterSession(host, host.Services.GetRequiredService<IClusterClient>(), Path.GetFullPath(dataDir));
    }

    /// <summary>A client of a cluster's gateway; its cluster and service ids are the silos' settings (OrleansGan__ClusterId, ...).</summary>
    static async Task<ClusterSession> OpenGateway(string gateway, string? artifactRoot, CancellationToken cancellation)
    {
        var endpoint = await ParseEndpoint(gateway);
        var builder = Host.CreateApplicationBuilder();
        QuietLogging(builder.Logging);
        var (cluster, _) = SiloConfiguration.Resolve(builder.Configuration);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(endpoint)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
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
        // A host that fails to start throws, and the command's error path says so in one line.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
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
