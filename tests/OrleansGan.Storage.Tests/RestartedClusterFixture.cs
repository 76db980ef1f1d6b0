using Orleans.TestingHost;
using OrleansGan.Hosting.Storage;

namespace OrleansGan.Storage.Tests;

/// <summary>
/// Runs a cluster over a SQLite file in which a grain writes state and registers a reminder, stops it,
/// and starts a second cluster over the same file for the tests to inspect.
/// </summary>
public sealed class RestartedClusterFixture : IAsyncLifetime
{
    public const string GrainKey = "experiment-1";
    public const string Note = "lr_g=2e-4";
    public const string ReminderName = "checkpoint";

    private readonly TempDatabase _database = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using (var before = await StartClusterAsync())
        {
            var grain = before.Client.GetGrain<IProbeGrain>(GrainKey);
            await grain.Remember(Note);
            await grain.RegisterReminder(ReminderName);
            await before.StopAllSilosAsync();
        }

        Cluster = await StartClusterAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var databasePath = _database.Path;
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddSqliteGrainStorageAsDefault(options => options.DatabasePath = databasePath)
            .AddSqliteGrainStorage(ProbeGrain.ArchiveStorage, options => options.DatabasePath = databasePath)
            .UseSqliteReminderService(options => options.DatabasePath = databasePath));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
