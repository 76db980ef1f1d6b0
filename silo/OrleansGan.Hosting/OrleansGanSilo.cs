using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;
using OrleansGan.Grains;
using OrleansGan.Grains.Experiments;
using OrleansGan.Grains.Leaderboards;
using OrleansGan.Grains.Runs;
using OrleansGan.Grains.Placement;
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
        silo.Configure<ClusterMembershipOptions>(DetectDeathQuickly);
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

    /// <summary>
    /// A silo that answers no probe for about three probe periods (2 s to start with, adapted by Orleans between 1 and 8 s to
    /// the response times it sees) is declared dead: a worker's kill -9 is known within seconds rather than Orleans'
    /// default of 10-15 s. The cost: a silo stalled that long (a long GC pause, a starved CPU) is declared dead too and
    /// restarts, and its runs resume elsewhere from their last checkpoint. Messages on the connection still count as signs
    /// of life (EnableConnectionLivenessCheck), which keeps busy silos from being voted out.
    /// </summary>
    static void DetectDeathQuickly(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
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

    /// <summary>
    /// Makes this silo a worker that trains the runs placed on it with the real trainer, by the <see cref="WorkerOptions"/>
    /// in its services (see <see cref="SiloConfiguration.AddOrleansGanOptions"/>), under the data directory of its
    /// <see cref="OrleansGanOptions"/>.
    /// </summary>
    public static ISiloBuilder AddTrainingWorker(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WorkerOptions>().ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        silo.Services.AddWorkerTelemetry();
        silo.Services.TryAddSingleton<TrainingWorker>();
        silo.Services.TryAddSingleton<ITrialRunner>(sp => sp.GetRequiredService<TrainingWorker>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<TrainingWorker>());
        // The host must wait for the SIGTERM checkpoints before it gives up on stopping.
        silo.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (worker.Value.StopGracePeriod + TimeSpan.FromSeconds(15)).Ticks)));
        return silo;
    }

    /// <summary>The same, with worker options made in code (tests, benchmarks).</summary>
    public static ISiloBuilder AddTrainingWorker(this ISiloBuilder silo, WorkerOptions options)
    {
        silo.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        return silo.AddTrainingWorker();
    }

    static void NameSilo(ISiloBuilder silo, OrleansGanOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SiloName))
            silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
    }
}
