using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;
using OrleansGan.Grains;
using OrleansGan.Grains.Experiments;
using OrleansGan.Grains.Leaderboards;
using OrleansGan.Grains.Runs;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting.Cluster;
using OrleansGan.Hosting.Storage;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting.Workers;
using OrleansGan.Workers;
using StackExchange.Redis;

namespace OrleansGan.Hosting;

public static class OrleansGanSilo
{
    static readonly Type[] ControlGrains =
    [
        typeof(ExperimentCatalogGrain), typeof(ExperimentGrain), typeof(RunGrain), typeof(SlotLedgerGrain),
        typeof(LeaderboardGrain), typeof(LeaderboardCatalogGrain),
    ];
    static readonly Type[] WorkerGrains = [typeof(TrialGrain)];

    /// <summary>The silo as its configuration says: Redis when a connection string is set, else embedded SQLite.</summary>
    public static ISiloBuilder UseConfiguredCluster(this ISiloBuilder silo, OrleansGanOptions options) =>
        string.IsNullOrWhiteSpace(options.Redis) ? silo.UseEmbeddedCluster(options) : silo.UseRedisCluster(options);

    /// <summary>
    /// One machine, no servers: localhost clustering and all state in one SQLite file under the data directory.
    /// </summary>
    public static ISiloBuilder UseEmbeddedCluster(this ISiloBuilder silo, OrleansGanOptions options)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        NameSilo(silo, options);
        return silo.AddSqliteState(options.DatabasePath);
    }

    /// <summary>Production: membership, grain state and reminders in Redis, from one connection string.</summary>
    public static ISiloBuilder UseRedisCluster(this ISiloBuilder silo, OrleansGanOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.Redis!);
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
        silo.AddRedisGrainStorage(StorageNames.Default, o => o.ConfigurationOptions = redis);
        silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        var advertised = string.IsNullOrWhiteSpace(options.AdvertisedAddress)
            ? Dns.GetHostAddresses(Dns.GetHostName()).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            : IPAddress.Parse(options.AdvertisedAddress);
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        NameSilo(silo, options);
        return silo;
    }

    /// <summary>Grain state and reminders in one SQLite file.</summary>
    public static ISiloBuilder AddSqliteState(this ISiloBuilder silo, string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        silo.AddSqliteGrainStorage(StorageNames.Default, o => o.DatabasePath = databasePath);
        silo.UseSqliteReminderService(o => o.DatabasePath = databasePath);
        return silo;
    }

    /// <summary>
    /// The OrleansGan grains this silo's role hosts (control: experiments, runs, the slot ledger, leaderboards; worker: trials),
    /// the trial placement director, and the role and worker capacity advertised as silo metadata.
    /// </summary>
    public static ISiloBuilder AddOrleansGan(this ISiloBuilder silo, SiloRole role, WorkerCapacity? capacity)
    {
        var excluded = (role.HostsControl() ? [] : ControlGrains).Concat(role.HostsWorker() ? [] : WorkerGrains).ToList();
        silo.Services.PostConfigure<GrainTypeOptions>(o => excluded.ForEach(type => o.Classes.Remove(type)));

        var metadata = new Dictionary<string, string> { [WorkerCapacity.RoleKey] = role.ToString().ToLowerInvariant() };
        if (role.HostsWorker() && capacity is not null)
            foreach (var (key, value) in capacity.ToMetadata()) metadata[key] = value;
        silo.UseSiloMetadata(metadata);

        // Grain state as Orleans' own version-tolerant binary format ([Id] fields), the same in SQLite and Redis; JSON
        // would silently drop records' private init-only properties (a run's data source came back with 0 images).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<ISiloDirectory, MembershipSiloDirectory>();
        silo.Services.AddPlacementDirector<TrialPlacementStrategy, TrialPlacementDirector>();
        if (role.HostsWorker())
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerSlotSync>();
        return silo;
    }

    /// <summary>Makes this silo a worker that trains the runs placed on it with the real trainer.</summary>
    public static ISiloBuilder AddTrainingWorker(this ISiloBuilder silo, WorkerOptions options)
    {
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        silo.Services.AddWorkerTelemetry();
        silo.Services.TryAddSingleton<TrainingWorker>();
        silo.Services.TryAddSingleton<ITrialRunner>(sp => sp.GetRequiredService<TrainingWorker>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TrainingWorker>());
        // The host must wait for the SIGTERM checkpoints before it gives up on stopping.
        silo.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(o.ShutdownTimeout.Ticks, (options.StopGracePeriod + TimeSpan.FromSeconds(15)).Ticks)));
        return silo;
    }

    static void NameSilo(ISiloBuilder silo, OrleansGanOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SiloName))
            silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
    }
}
