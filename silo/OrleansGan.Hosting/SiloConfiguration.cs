using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansGan.Hosting.Workers;

namespace OrleansGan.Hosting;

/// <summary>
/// A silo's settings: the "OrleansGan" and "Worker" sections (or OrleansGan__* and Worker__* variables), and in
/// Kubernetes POD_NAME and POD_IP (the downward API) for the silo's name and advertised address.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>Binds both option classes, with their validators, checked when the host starts.</summary>
    public static IServiceCollection AddOrleansGanOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrleansGanOptions>()
            .Bind(configuration.GetSection(OrleansGanOptions.Section))
            .PostConfigure(o =>
            {
                o.SiloName ??= configuration["POD_NAME"];
                o.AdvertisedAddress ??= configuration["POD_IP"];
            })
            .ValidateOnStart();
        services.AddOptions<WorkerOptions>()
            .Configure<IOptions<OrleansGanOptions>>((worker, cluster) => worker.Name = cluster.Value.SiloName ?? Environment.MachineName)
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrleansGanOptions>, OrleansGanOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        return services;
    }

    /// <summary>
    /// The options exactly as the silo's services will bind and check them, read now: the silo's clustering, storage,
    /// role and advertised capacity are chosen before its host is built.
    /// </summary>
    /// <exception cref="OptionsValidationException">a value breaks a rule (each failure names its key).</exception>
    /// <exception cref="InvalidOperationException">a value does not parse (the message names its key).</exception>
    public static (OrleansGanOptions Cluster, WorkerOptions Worker) Resolve(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddOrleansGanOptions(configuration).BuildServiceProvider();
        return (services.GetRequiredService<IOptions<OrleansGanOptions>>().Value, services.GetRequiredService<IOptions<WorkerOptions>>().Value);
    }
}
