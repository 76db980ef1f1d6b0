using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansGan.Grains.Runs;

namespace OrleansGan.Hosting.Telemetry;

public static class OrleansGanTelemetry
{
    /// <summary>The Orleans runtime's meter (request latency, activations, messaging).</summary>
    const string OrleansMeterName = "Microsoft.Orleans";
    const string DashboardPath = "/dashboard";
    const string ServiceName = "orleansgan-silo";

    /// <summary>
    /// Metrics for Prometheus: ours (runs, slots, runs by status), Orleans' and the .NET runtime's; and, when
    /// configured, the Orleans Dashboard.
    /// </summary>
    public static IHostApplicationBuilder AddOrleansGanTelemetry(this IHostApplicationBuilder builder, OrleansGanOptions options)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(WorkerMeter.Name, RunStatusGauge.MeterName, OrleansMeterName)
                .AddRuntimeInstrumentation()
                // Without otel_scope_* labels a series carries exactly the labels its instrument records.
                .AddPrometheusExporter(exporter => exporter.ScopeInfoEnabled = false));
        if (options.Dashboard) builder.UseOrleans(silo => silo.AddDashboard());
        return builder;
    }

    /// <summary>Serves /metrics and, when configured, the Orleans Dashboard at /dashboard.</summary>
    public static IEndpointRouteBuilder MapOrleansGanTelemetry(this IEndpointRouteBuilder endpoints, OrleansGanOptions options)
    {
        endpoints.MapPrometheusScrapingEndpoint();
        if (options.Dashboard) endpoints.MapOrleansDashboard(DashboardPath);
        return endpoints;
    }

    /// <summary>A worker's per-run and slot instruments (read by the exporter when the silo has one).</summary>
    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<RunTelemetry>();
        services.TryAddSingleton<WorkerSlots>();
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
            metrics.AddInstrumentation(sp => new SlotTelemetry(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<WorkerSlots>())));
        return services;
    }
}
