using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Testing;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// Control silos (one, or several as in Kubernetes) and CPU worker silos (two unless told) as real processes over one
/// redis-server, sharing an artifact root, plus an Orleans client in the test that finds them through Redis. Silos can
/// be killed and replaced by new ones under new names, as pods are.
/// </summary>
sealed class LoopbackCluster(IReadOnlyDictionary<string, string>? workerSettings = null, int controlSilos = 1, int workerSilos = 2)
    : IAsyncDisposable
{

    readonly RedisServer _redis = new();
    readonly List<SiloProcess> _silos = [];
    IHost? _client;

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("orleansgan-loopback-").FullName;
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IReadOnlyList<string> ControlNames { get; } =
        controlSilos == 1 ? ["control"] : Enumerable.Range(0, controlSilos).Select(i => $"control-{(char)('a' + i)}").ToList();

    public IReadOnlyList<string> WorkerNames { get; } = Enumerable.Range(0, workerSilos).Select(i => $"worker-{(char)('a' + i)}").ToList();

    public async Task StartSilosAsync()
    {
        foreach (var name in ControlNames) await StartControlAsync(name);
        foreach (var name in WorkerNames) await StartWorkerAsync(name);
        if (_client is not null) return;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseRedisClustering(_redis.ConnectionString)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, "orleansgan")));
        _client = builder.Build();
        await _client.StartAsync();
    }

    public Task<SiloProcess> StartControlAsync(string name) => StartSiloAsync(name, "control", new Dictionary<string, string>(), gateway: true);

    /// <summary>
    /// Workers open no gateway: the tests' client finds gateways through Redis and spreads its calls over all of them,
    /// so a worker the test has frozen would hold a third of its calls until they time out.
    /// </summary>
    public Task<SiloProcess> StartWorkerAsync(string name) =>
        StartSiloAsync(name, "worker", workerSettings ?? new Dictionary<string, string>(), gateway: false);

    public SiloProcess Silo(string name) => _silos.Last(s => s.Name == name);

    /// <summary>The worker silo the run's current attempt trains on ("worker-a (cpu)").</summary>
    public SiloProcess SiloTraining(RunSnapshot run) => _silos.Last(s => run.Worker!.StartsWith(s.Name + " ("));

    /// <summary>The silo process whose Orleans silo holds the grain's activation now, if it has one.</summary>
    public async Task<SiloProcess?> SiloHostingAsync(IAddressable grain)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        if (await management.GetActivationAddress(grain) is not { } address) return null;
        var host = (await management.GetDetailedHosts()).Single(h => h.SiloAddress.Equals(address));
        return Silo(host.SiloName);
    }

    /// <summary>A silo configured the way Kubernetes configures a pod: POD_NAME, POD_IP, ids and Redis in its environment.</summary>
    async Task<SiloProcess> StartSiloAsync(string name, string role, IReadOnlyDictionary<string, string> settings, bool gateway)
    {
        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = name,
            ["POD_IP"] = "127.0.0.1",
            ["OrleansGan__ClusterId"] = ClusterId,
            ["OrleansGan__ServiceId"] = "orleansgan",
            ["OrleansGan__Redis"] = _redis.ConnectionString,
            ["OrleansGan__Role"] = role,
            ["OrleansGan__DataDirectory"] = DataDirectory,
            ["Worker__ReportInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Warning",
            // libtorch would start a thread per core in every silo and oversubscribe the machine many times over.
            ["OMP_NUM_THREADS"] = "1",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        var silo = await SiloProcess.StartAsync(name, Path.Combine(DataDirectory, "silos", name), environment, gateway);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Submits through the real CLI, as a user would, against a control silo's gateway.</summary>
    public async Task<string> SubmitAsync(string sweepYaml)
    {
        var file = Path.Combine(DataDirectory, "sweep.yaml");
        await File.WriteAllTextAsync(file, sweepYaml);
        using var submit = await ChildProcess.RunAsync(Path.Combine(AppContext.BaseDirectory, "orleansgan"), DataDirectory,
            ["sweep", "submit", file, "--gateway", Silo(ControlNames[0]).Gateway, "--connect-timeout", "120"], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["ORLEANSGAN__CLUSTERID"] = ClusterId });
        if (submit.ExitCode != 0) throw new InvalidOperationException($"sweep submit exited {submit.ExitCode}: {submit.Error}");
        return submit.Out.Trim();
    }

    public string RunDirectory(RunSnapshot run) => ArtifactPaths.Resolve(DataDirectory, run.Spec.ArtifactDirectory);

    public Task<RunSnapshot> Run(string runId) => Client.GetGrain<IRunGrain>(runId).GetSnapshot();

    public async Task<RunSnapshot> WaitForRunAsync(string runId, Func<RunSnapshot, bool> condition, TimeSpan limit, string what) =>
        await WaitAsync(() => Run(runId), condition, limit, $"{runId}: {what}",
            last => $"{last?.Status} step {last?.Step} attempts {last?.Attempts} reason {last?.StatusReason}");

    public async Task<ExperimentSnapshot> WaitForExperimentAsync(string experimentId, Func<ExperimentSnapshot, bool> condition, TimeSpan limit, string what) =>
        await WaitAsync(() => Client.GetGrain<IExperimentGrain>(experimentId).GetSnapshot(), condition, limit, $"{experimentId}: {what}",
            last => $"{last?.Entry.Status}, {last?.Counts}, in flight {string.Join(", ", last?.Active.Select(r => $"{r} [{Describe(r)}]") ?? [])}");

    /// <summary>For a failure message: what the run grain says now.</summary>
    string Describe(string runId)
    {
        try
        {
            var run = Run(runId);
            return run.Wait(TimeSpan.FromSeconds(10))
                ? $"{run.Result.Status} step {run.Result.Step} attempts {run.Result.Attempts} on {run.Result.Worker}, reason {run.Result.StatusReason}"
                : "no answer";
        }
        catch (Exception e) { return e.GetBaseException().Message; }
    }

    /// <summary>Polls through silo deaths (a call may fail while the cluster notices) and runs not yet started, up to <paramref name="limit"/>.</summary>
    async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan limit, string what, Func<T?, string> describe) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        T? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await read();
                if (condition(last)) return last;
            }
            // A run's grain exists once the run starts: until then it is unknown, which is "not yet" here.
            catch (Exception e) when (e is OrleansException or TimeoutException or UnknownIdException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{what}: not so within {limit}; last: {describe(last)}; silo logs:\n" +
            string.Join("\n", _silos.Select(s => $"--- {s.Name}\n{Tail(s.Process.Out + s.Process.Error, 6000)}")));
    }

    static string Tail(string text, int length) => text.Length <= length ? text : "..." + text[^length..];

    /// <summary>Stops every silo with SIGTERM (each worker checkpoints first).</summary>
    public async Task TerminateAllAsync()
    {
        foreach (var silo in _silos.AsEnumerable().Reverse().Where(s => !s.Process.HasExited))
            await silo.Process.TerminateAsync(TimeSpan.FromSeconds(90));
        foreach (var silo in _silos) silo.Dispose();
        _silos.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _client.Dispose();
        }
        foreach (var silo in _silos) silo.Dispose();
        _redis.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
