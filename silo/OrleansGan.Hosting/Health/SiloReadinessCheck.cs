using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;
using OrleansGan.Grains;

namespace OrleansGan.Hosting.Health;

/// <summary>/readyz: the silo is active in the cluster and its grain storage answers a read.</summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle silo, [FromKeyedServices(StorageNames.Default)] IGrainStorage storage) : IHealthCheck
{
    static readonly GrainId Probe = GrainId.Create("orleansgan-readiness", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (silo.CurrentStatus != SiloStatus.Active)
            return HealthCheckResult.Unhealthy($"silo {silo.SiloName} is {silo.CurrentStatus}, not active in the cluster");
        try
        {
            await storage.ReadStateAsync(nameof(StorageProbe), Probe, new GrainState<StorageProbe>(), cancellationToken).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"grain storage does not answer: {e.Message}", e);
        }
        return HealthCheckResult.Healthy($"silo {silo.SiloName} is active; grain storage answers");
    }
}

/// <summary>The state type of the readiness probe's read (never written).</summary>
[GenerateSerializer, Alias("StorageProbe")]
public sealed class StorageProbe;
