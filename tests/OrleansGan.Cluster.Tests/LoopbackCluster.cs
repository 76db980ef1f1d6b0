using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// One control silo and two CPU worker silos as real processes over one redis-server, sharing an artifact root,
/// plus an Orleans client in the test that finds them through Redis.
/// </summary>
sealed class LoopbackCluster(IReadOnlyDictionary<string, string>? workerSettings = null) : IAsyncDisposable
{
    public static readonly string[] WorkerNames = ["worker-a", "worker-b"];

    readonly RedisServer _redis = new();
    readonly List<SiloProcess> _silos = [];
    IHost? _client;

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}"[..16];
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("orleansgan-loopback-").FullName;
    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();
    public IReadOnlyList<SiloProcess> Silos => _silos;

    public async Task StartSilosAsync()
    {
        _silos.Add(await SiloProcess.StartAsync("control", "control", ClusterId, _redis.ConnectionString, DataDirectory, new Dictionary<string, string>()));
        foreach (var name in WorkerNames)
            _silos.Add(await SiloProcess.StartAsync(name, "worker", ClusterId, _redis.ConnectionString, DataDirectory,
                workerSettings ?? new Dictionary<string, string>()));
        if (_client is not null) return;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseRedisClustering(_redis.ConnectionString)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, "orleansgan")));
        _client = builder.Build();
        await _client.StartAsync();
    }

    public SiloProcess Silo(string name) => _silos.Last(s => s.Name == name);

    /// <summary>Submits through the real CLI, as a user would, against the control silo's gateway.</summary>
    public async Task<string> SubmitAsync(string sweepYaml)
    {
        var file = Path.Combine(DataDirectory, "sweep.yaml");
        await File.WriteAllTextAsync(file, sweepYaml);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "orleansgan"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "sweep", "submit", file, "--gateway", $"127.0.0.1:{Silo("control").GatewayPort}" }) start.ArgumentList.Add(arg);
        start.Environment["ORLEANSGAN__CLUSTERID"] = ClusterId;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"sweep submit exited {process.ExitCode}: {error}");
        return output.Trim();
    }

    public Task<RunSnapshot> Run(string runId) => Client.GetGrain<IRunGrain>(runId).GetSnapshot();

    public async Task<RunSnapshot> WaitForRunAsync(string runId, Func<RunSnapshot, bool> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        RunSnapshot? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await Run(runId);
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{runId}: not {what} within {limit}; last: {last?.Status} step {last?.Step} attempts {last?.Attempts} " +
            $"reason {last?.StatusReason}; logs in {DataDirectory}");
    }

    /// <summary>Stops every silo with SIGTERM (each worker checkpoints first).</summary>
    public async Task TerminateAllAsync()
    {
        foreach (var silo in _silos.AsEnumerable().Reverse()) await silo.TerminateAsync(TimeSpan.FromSeconds(90));
        foreach (var silo in _silos) await silo.DisposeAsync();
        _silos.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try { await _client.StopAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _client.Dispose();
        }
        foreach (var silo in _silos) await silo.DisposeAsync();
        _redis.Dispose();
        if (Environment.GetEnvironmentVariable("ORLEANSGAN_KEEP_TEST_LOGS") is null) Directory.Delete(DataDirectory, recursive: true);
    }
}
