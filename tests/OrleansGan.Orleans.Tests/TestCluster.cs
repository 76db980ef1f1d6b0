using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    public TrainingWorker Worker => SiloServices.GetRequiredService<TrainingWorker>();

    public Task StopSiloAsync() => _cluster.StopAllSilosAsync();

    /// <param name="log">Also receives the silo's log, when given.</param>
    public static async Task<TestCluster> StartAsync(string dataDirectory, int slots, ILoggerProvider? log = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        var worker = new WorkerOptions
        {
            SlotsPerDevice = slots,
            ReportInterval = TimeSpan.FromMilliseconds(300),
            Name = "test-worker",
        };
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureServices(services => services.Configure<OrleansGanOptions>(o => o.DataDirectory = dataDirectory))
                .AddSqliteState(Path.Combine(dataDirectory, "orleansgan.db"))
                .AddOrleansGan(SiloRole.Both, worker.Capacity)
                .AddTrainingWorker(worker);
            if (log is not null) silo.Services.AddSingleton(log);
        });
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
