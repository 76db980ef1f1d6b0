using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansGan.Hosting.Health;

/// <summary>/healthz: the silo process is of use, unless the cluster has declared it dead or it is leaving.</summary>
internal sealed class SiloLivenessCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.CurrentStatus is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping
            ? HealthCheckResult.Unhealthy($"silo {silo.SiloName} is {silo.CurrentStatus}")
            : HealthCheckResult.Healthy($"silo {silo.SiloName} is {silo.CurrentStatus}"));
}
