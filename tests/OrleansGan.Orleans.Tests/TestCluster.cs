using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansGan.Experiments;
using OrleansGan.Hosting;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>A real one-silo Orleans cluster in this process: SQLite state under a data directory, and a worker with real training.</summary>
sealed class TestCluster : IAsyncDisposable
{
    readonly InProcessTestCluster _cluster;

    TestCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public TrainingWorker Worker => _cluster.Silos[0].ServiceProvider.GetRequiredService<TrainingWorker>();

    public static async Task<TestCluster> StartAsync(string dataDirectory, int slots)
    {
        var builder = new InProcessTestClusterBuilder(1);
        var worker = new WorkerOptions
        {
            SlotsPerDevice = slots,
            ReportInterval = TimeSpan.FromMilliseconds(300),
            Name = "test-worker",
        };
        builder.ConfigureSilo((_, silo) => silo
            .ConfigureServices(services => services.Configure<OrleansGanOptions>(o => o.DataDirectory = dataDirectory))
            .AddSqliteState(Path.Combine(dataDirectory, "orleansgan.db"))
            .AddOrleansGan(SiloRole.Both, worker.Capacity)
            .AddTrainingWorker(worker));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
