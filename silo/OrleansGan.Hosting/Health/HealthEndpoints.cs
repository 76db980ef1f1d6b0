using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansGan.Hosting.Health;

/// <summary>The Kubernetes probes: /healthz (liveness: not dead, not stopping) and /readyz (active in the cluster, storage answers).</summary>
public static class HealthEndpoints
{
    const string Live = "live", Ready = "ready";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloLivenessCheck>("silo-alive", tags: [Live], timeout: Timeout)
            .AddCheck<SiloReadinessCheck>("silo-ready", tags: [Ready], timeout: Timeout);
        return services;
    }

    public static IEndpointRouteBuilder MapSiloHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
