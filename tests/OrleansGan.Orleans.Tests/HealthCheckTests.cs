using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;
using OrleansGan.Grains;
using OrleansGan.Hosting.Health;

namespace OrleansGan.Orleans.Tests;

/// <summary>The probes' checks against a real silo: active and its storage answering, then a storage that fails, then stopped.</summary>
public class HealthCheckTests
{
    [Fact]
    public async Task Ready_while_active_with_storage_answering_and_alive_until_the_silo_stops()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 1);
        var oracle = cluster.SiloServices.GetRequiredService<ISiloStatusOracle>();
        var storage = cluster.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var alive = new SiloLivenessCheck(oracle);

        Assert.Equal(HealthStatus.Healthy, (await alive.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(HealthStatus.Healthy, (await new SiloReadinessCheck(oracle, storage).CheckHealthAsync(new HealthCheckContext())).Status);

        var broken = await new SiloReadinessCheck(oracle, new UnreachableStorage()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, "grain storage does not answer: connection refused"), (broken.Status, broken.Description));

        await cluster.StopSiloAsync();
        var stopped = await alive.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.Matches("is (Dead|Stopping|ShuttingDown)$", stopped.Description);
        Assert.Equal(HealthStatus.Unhealthy, (await new SiloReadinessCheck(oracle, storage).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    sealed class UnreachableStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("connection refused");
        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("connection refused");
        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new IOException("connection refused");
    }
}
