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
internal sealed class ClusterSession(IHost host, IClusterClient client, string? artifactRoot, bool embedded) : IAsyncDisposable
{
    int _disposed;

    public IClusterClient Client { get; } = client;

    /// <summary>True when this process hosts the silo (and its worker), false for a cluster's gateway.</summary>
    public bool Embedded { get; } = embedded;

    /// <summary>Where this machine sees run artifacts: the data directory when embedded, --data-dir when it was given for a cluster.</summary>
    public string? ArtifactRoot { get; } = artifactRoot;

    /// <param name="preferEmbedded">When neither --local nor --gateway is given: true starts an embedded silo, false needs a gateway.</param>
    public static async Task<ClusterSession> OpenAsync(ParseResult parse, bool preferEmbedded, CancellationToken cancellation)
    {
        var gateway = parse.GetValue(GlobalOptions.Gateway);
        var local = parse.GetValue(GlobalOptions.Local);
        var dataDir = parse.GetValue(GlobalOptions.DataDir)!;
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        if (local || (preferEmbedded && string.IsNullOrEmpty(gateway)))
            return await OpenEmbedded(dataDir, parse.GetValue(WorkerSlots), verbose, cancellation);
        if (string.IsNullOrEmpty(gateway))
            throw new UsageException($"no cluster to talk to: give --gateway HOST:PORT (or set {GlobalOptions.GatewayVariable}), or --local for an embedded silo");
        var dataDirGiven = parse.GetResult(GlobalOptions.DataDir) is { Implicit: false };
        return await OpenGateway(gateway, parse.GetValue(GlobalOptions.ConnectTimeout), dataDirGiven ? dataDir : null, verbose, cancellation);
    }

    public static readonly Option<int?> WorkerSlots = new("--slots")
    {
        Description = "Runs the embedded silo trains at once (default 1)",
        Recursive = true,
    };

    /// <summary>
    /// How long the embedded worker waits, once stopping, for its runs to checkpoint. Long: a person who does not want to
    /// wait presses Ctrl+C again.
    /// </summary>
    static readonly TimeSpan EmbeddedStopGracePeriod = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A silo in this process, set up by the same settings and rules as orleansgan-silo's: Worker__* variables apply too
    /// (e.g. Worker__Isolation=Process); --slots and --data-dir win.
    /// </summary>
    static async Task<ClusterSession> OpenEmbedded(string dataDir, int? slots, bool verbose, CancellationToken cancellation)
    {
        if (slots is < 1 or > 16) throw new UsageException($"--slots {slots}: must be 1..16");
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.DataDirectory)}"] = dataDir,
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.Redis)}"] = null,
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.SiloPort)}"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.GatewayPort)}"] = FreePort().ToString(CultureInfo.InvariantCulture),
            [$"{OrleansGanOptions.Section}:{nameof(OrleansGanOptions.Role)}"] = nameof(SiloRole.Both),
            [$"{WorkerOptions.Section}:{nameof(WorkerOptions.Name)}"] = "embedded",
        };
        if (slots is { } n) settings[$"{WorkerOptions.Section}:{nameof(WorkerOptions.SlotsPerDevice)}"] = n.ToString(CultureInfo.InvariantCulture);
        var gracePeriod = $"{WorkerOptions.Section}:{nameof(WorkerOptions.StopGracePeriod)}";
        if (builder.Configuration[gracePeriod] is null) settings[gracePeriod] = EmbeddedStopGracePeriod.ToString();
        builder.Configuration.AddInMemoryCollection(settings);
        ConsoleLogging(builder.Logging, verbose);
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        var (options, worker) = SiloConfiguration.Resolve(builder.Configuration);
        builder.Services.AddOrleansGanOptions(builder.Configuration);
        builder.UseOrleans(silo => silo
            .UseEmbeddedCluster(options)
            .AddOrleansGan(SiloRole.Both, worker.Capacity)
            .AddTrainingWorker());
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new ClusterSession(host, host.Services.GetRequiredService<IClusterClient>(), Path.GetFullPath(dataDir), embedded: true);
    }

    /// <summary>
    /// A client of a cluster's gateway; its cluster and service ids are the silos' settings (OrleansGan__ClusterId, ...).
    /// Fails within <paramref name="timeout"/> with one line naming the gateway and the cause.
    /// </summary>
    static async Task<ClusterSession> OpenGateway(string gateway, TimeSpan timeout, string? artifactRoot, bool verbose, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var waiting = $"no answer within {timeout.TotalSeconds:0.#} s (--connect-timeout)";
        var endpoint = await ParseEndpoint(gateway, deadline.Token);
        try
        {
            await Probe(endpoint, deadline.Token);
        }
        catch (SocketException e)
        {
            throw new UsageException($"--gateway {gateway}: {Explain(endpoint, e)}");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new UsageException($"--gateway {gateway}: {waiting}");
        }

        var builder = Host.CreateApplicationBuilder();
        ConsoleLogging(builder.Logging, verbose);
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
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
            await host.StartAsync(deadline.Token);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            host.Dispose();
            throw new UsageException($"--gateway {gateway}: {endpoint} accepts connections but no Orleans gateway of cluster {cluster.ClusterId} answered there: " +
                (deadline.IsCancellationRequested ? waiting : e.GetBaseException().Message));
        }
        return new ClusterSession(host, host.Services.GetRequiredService<IClusterClient>(),
            artifactRoot is null ? null : Path.GetFullPath(artifactRoot), embedded: false);
    }

    /// <summary>A plain TCP connection first: the Orleans client retries a refused connection for minutes, with nothing to say why.</summary>
    static async Task Probe(IPEndPoint endpoint, CancellationToken cancellation)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint, cancellation);
    }

    static string Explain(IPEndPoint endpoint, SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"nothing listens on {endpoint} (connection refused): is a silo running there, with that gateway port?",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{endpoint} cannot be reached ({e.Message})",
        _ => $"cannot connect to {endpoint} ({e.Message})",
    };

    static async Task<IPEndPoint> ParseEndpoint(string gateway, CancellationToken cancellation)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new UsageException($"--gateway {gateway}: expected HOST:PORT");
        var host = gateway[..colon];
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellation);
            return new IPEndPoint(addresses.First(a => a.AddressFamily == AddressFamily.InterNetwork), port);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            throw new UsageException($"--gateway {gateway}: cannot resolve {host}");
        }
    }

    /// <summary>
    /// Log lines go to stderr (stdout carries the command's output, e.g. --json). By default only OrleansGan's warnings and
    /// the framework's errors, one line each without stack traces; --verbose: everything from Information on, in full.
    /// </summary>
    internal static void ConsoleLogging(ILoggingBuilder logging, bool verbose)
    {
        logging.ClearProviders();
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (verbose)
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.SetMinimumLevel(LogLevel.Information);
            return;
        }
        logging.AddConsole(o => o.FormatterName = OneLineLogFormatter.Name).AddConsoleFormatter<OneLineLogFormatter, ConsoleFormatterOptions>();
        logging.SetMinimumLevel(LogLevel.Error);
        logging.AddFilter("OrleansGan", LogLevel.Warning);
        // A gateway client's observers log here, and only one error is theirs to log: a push for an observer already
        // deleted. A watch that ends unsubscribes while its experiment's last push may still be on its way (Orleans keeps
        // no order between a one-way push and a later response); that push is stale, not a fault.
        logging.AddFilter("Orleans.ClientGrainContext", LogLevel.None);
        // A host that fails to start throws, and the command's error path says so in one line.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops the silo or client. An embedded worker first checkpoints every run it trains, while the silo still serves its
    /// grains (their reports, the slot releases), within its stop grace period. A run still training after that would race
    /// the process's exit inside libtorch, so the process then ends at once instead, saying what was lost.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        var worker = host.Services.GetService<TrainingWorker>();
        try
        {
            if (worker is not null) await worker.PreemptAll(CancellationToken.None);
            await host.StopAsync();
        }
        finally
        {
            if (worker is { RunningGrants.Count: > 0 })
                Interrupts.StopAtOnce($"{worker.RunningGrants.Count} run(s) still training after {EmbeddedStopGracePeriod}: the steps after their last checkpoint");
            host.Dispose();
        }
    }
}
