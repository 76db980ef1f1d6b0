using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting;
using OrleansGan.Workers;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// A real silo in this process (the grains, the ledger, the placement director; SQLite under a data directory, or
/// Redis) whose worker is a <see cref="SyntheticTrainer"/>, and a client that reaches it through its gateway, as the
/// CLI does.
/// </summary>
sealed class BenchSilo : IAsyncDisposable
{
    readonly IHost _silo;
    readonly IHost _client;

    BenchSilo(IHost silo, IHost client, OrleansGanOptions options, SyntheticTrainer trainer, CallMeter calls, SiloLog log)
    {
        (_silo, _client, Options, Trainer, Calls, Log) = (silo, client, options, trainer, calls, log);
        Client = client.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }
    public OrleansGanOptions Options { get; }
    public SyntheticTrainer Trainer { get; }
    public CallMeter Calls { get; }
    public SiloLog Log { get; }

    public static async Task<BenchSilo> StartAsync(string dataDirectory, string? redis, int slots)
    {
        var options = new OrleansGanOptions
        {
            DataDirectory = dataDirectory,
            Redis = redis,
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            AdvertisedAddress = IPAddress.Loopback.ToString(),
            ClusterId = $"bench-{Guid.NewGuid():N}",
            ServiceId = "orleansgan-bench",
        };
        var capacity = new WorkerCapacity(DeviceKind.Cpu, 1, slots);
        var (calls, log) = (new CallMeter(), new SiloLog());
        SyntheticTrainer? trainer = null;

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseConfiguredCluster(options).AddOrleansGan(SiloRole.Both, capacity);
            silo.Services.AddSingleton<ITrialRunner>(sp => trainer = new SyntheticTrainer(sp.GetRequiredService<IGrainFactory>(), capacity));
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(calls);
            silo.Configure<SchedulingOptions>(o => o.TurnWarningLengthThreshold = CallMeter.Limit);
        });
        var silo = builder.Build();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.ClearProviders();
        clientBuilder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, options.GatewayPort))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId)));
        var client = clientBuilder.Build();
        await client.StartAsync();
        silo.Services.GetRequiredService<ITrialRunner>();
        return new BenchSilo(silo, client, options, trainer!, calls, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.StopAsync();
        _silo.Dispose();
    }
}
