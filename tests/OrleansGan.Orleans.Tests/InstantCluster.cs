using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>A real one-silo cluster over SQLite (state and reminders) whose worker is an <see cref="InstantTrialRunner"/>.</summary>
sealed class InstantCluster : IAsyncDisposable
{
    readonly InProcessTestCluster _cluster;

    InstantCluster(InProcessTestCluster cluster, string databasePath) => (_cluster, DatabasePath) = (cluster, databasePath);

    public IClusterClient Client => _cluster.Client;
    public string DatabasePath { get; }
    public InstantTrialRunner Runner => (InstantTrialRunner)_cluster.Silos[0].ServiceProvider.GetRequiredService<ITrialRunner>();

    public static async Task<InstantCluster> StartAsync(string dataDirectory, int slots, Func<int, double>? score = null, Action<ISiloBuilder>? configure = null)
    {
        var databasePath = Path.Combine(dataDirectory, "orleansgan.db");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteState(databasePath).AddOrleansGan(SiloRole.Both, new WorkerCapacity(DeviceKind.Cpu, 1, slots));
            silo.Services.AddSingleton<ITrialRunner>(sp => new InstantTrialRunner(sp.GetRequiredService<IGrainFactory>(), score ?? (i => i)));
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new InstantCluster(cluster, databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        Runner.Release();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
