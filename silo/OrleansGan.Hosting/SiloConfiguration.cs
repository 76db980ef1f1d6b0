using Microsoft.Extensions.Configuration;
using OrleansGan.Hosting.Workers;

namespace OrleansGan.Hosting;

/// <summary>
/// Reads a silo's settings: the "OrleansGan" and "Worker" sections, and in Kubernetes POD_NAME and POD_IP
/// (the downward API) for the silo's name and advertised address.
/// </summary>
public static class SiloConfiguration
{
    /// <exception cref="InvalidOperationException">a value does not parse (the message names its key).</exception>
    public static OrleansGanOptions Cluster(IConfiguration configuration)
    {
        var options = configuration.GetSection(OrleansGanOptions.Section).Get<OrleansGanOptions>() ?? new OrleansGanOptions();
        options.SiloName ??= configuration["POD_NAME"];
        options.AdvertisedAddress ??= configuration["POD_IP"];
        return options;
    }

    /// <exception cref="InvalidOperationException">a value does not parse (the message names its key).</exception>
    public static WorkerOptions Worker(IConfiguration configuration, OrleansGanOptions cluster)
    {
        var worker = new WorkerOptions { ArtifactRoot = cluster.DataDirectory, Name = cluster.SiloName ?? Environment.MachineName };
        configuration.GetSection(WorkerOptions.Section).Bind(worker);
        return worker;
    }
}
