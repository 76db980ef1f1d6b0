using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OrleansGan.Grains;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting.Storage;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting.Workers;

namespace OrleansGan.Hosting;

public static class OrleansGanSilo
{
    /// <summary>
    /// One machine, no servers: localhost clustering and all state in one SQLite file under the data directory.
    /// </summary>
    public static ISiloBuilder UseEmbeddedCluster(this ISiloBuilder silo, OrleansGanOptions options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        return silo.AddSqliteState(options.DatabasePath);
    }

    /// <summary>Grain state and reminders in one SQLite file.</summary>
    public static ISiloBuilder AddSqliteState(this ISiloBuilder silo, string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        silo.AddSqliteGrainStorage(StorageNames.Default, o => o.DatabasePath = databasePath);
        silo.UseSqliteReminderService(o => o.DatabasePath = databasePath);
        return silo;
    }

    /// <summary>Makes this silo a worker: it trains the runs placed on it.</summary>
    public static ISiloBuilder AddTrainingWorker(this ISiloBuilder silo, Action<WorkerOptions> configure)
    {
        silo.Services.Configure(configure);
        silo.Services.AddWorkerTelemetry();
        silo.Services.TryAddSingleton<TrainingWorker>();
        silo.Services.TryAddSingleton<ITrialRunner>(sp => sp.GetRequiredService<TrainingWorker>());
        silo.Services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TrainingWorker>());
        return silo;
    }
}
