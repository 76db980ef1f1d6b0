using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting;
using OrleansGan.Testing;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A real one-silo cluster over SQLite (state and reminders) whose worker is an <see cref="InstantTrialRunner"/> (or the
/// runner a test gives), with
/// a client through its gateway on loopback TCP, so the CLI can reach it too (a test cluster's transport is in memory).
/// </summary>
sealed class InstantCluster : IAsyncDisposable
{
    readonly IHost _silo;
    readonly IHost _client;
    readonly OrleansGanOptions _options;

    InstantCluster(IHost silo, IHost client, OrleansGanOptions options)
    {
        (_silo, _client, _options) = (silo, client, options);
        Client = client.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }
    public string DatabasePath => _options.DatabasePath;
    /// <summary>The gateway as the CLI takes it, and the variables the README names for the cluster's ids.</summary>
    public string Gateway => $"127.0.0.1:{_options.GatewayPort}";
    public IReadOnlyDictionary<string, string> Ids => new Dictionary<string, string>
    {
        [$"{OrleansGanOptions.Section}__{nameof(OrleansGanOptions.ClusterId)}"] = _options.ClusterId,
        [$"{OrleansGanOptions.Section}__{nameof(OrleansGanOptions.ServiceId)}"] = _options.ServiceId,
    };

    public InstantTrialRunner Runner => (InstantTrialRunner)Trials;

    public ITrialRunner Trials => _silo.Services.GetRequiredService<ITrialRunner>();

    public static async Task<InstantCluster> StartAsync(string dataDirectory, int slots, Func<int, double>? score = null, Action<ISiloBuilder>? configure = null,
        Func<IServiceProvider, ITrialRunner>? runner = null)
    {
        var options = new OrleansGanOptions
        {
            DataDirectory = dataDirectory,
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            ClusterId = $"instant-{Guid.NewGuid():N}",
            ServiceId = "orleansgan-tests",
        };
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        siloBuilder.UseOrleans(silo =>
        {
            silo.UseEmbeddedCluster(options).AddOrleansGan(SiloRole.Both, new WorkerCapacity(DeviceKind.Cpu, 1, slots));
            silo.Services.AddSingleton(runner ?? (sp => new InstantTrialRunner(sp.GetRequiredService<IGrainFactory>(), score ?? (i => i))));
            configure?.Invoke(silo);
        });
        var silo = siloBuilder.Build();
        await silo.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        clientBuilder.UseOrleansClient(client => ConnectTo(client, options));
        var client = clientBuilder.Build();
        try
        {
            await client.StartAsync();
        }
        catch
        {
            client.Dispose();
            await silo.StopAsync();
            silo.Dispose();
            throw;
        }
        return new InstantCluster(silo, client, options);
    }

    /// <summary>Points another client at this cluster's gateway, e.g. one with the CLI's logging.</summary>
    public void Connect(IClientBuilder client) => ConnectTo(client, _options);

    static void ConnectTo(IClientBuilder client, OrleansGanOptions options) => client
        .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, options.GatewayPort))
        .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));

    public async ValueTask DisposeAsync()
    {
        (Trials as InstantTrialRunner)?.Release();
        try
        {
            await _client.StopAsync();
            await _silo.StopAsync();
        }
        finally
        {
            _client.Dispose();
            _silo.Dispose();
        }
    }
}
