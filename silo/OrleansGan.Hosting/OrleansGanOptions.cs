using OrleansGan.Workers;

namespace OrleansGan.Hosting;

/// <summary>A silo's cluster settings (section "OrleansGan" of the configuration, or OrleansGan__* variables).</summary>
public sealed class OrleansGanOptions
{
    public const string Section = "OrleansGan";

    /// <summary>Artifact root (checkpoints, grids, metrics; a volume every worker reaches) and, embedded, the state database.</summary>
    public string DataDirectory { get; set; } = "./orleansgan-data";

    /// <summary>control, worker or both.</summary>
    public SiloRole Role { get; set; } = SiloRole.Both;

    /// <summary>
    /// A Redis connection string: clustering, grain state and reminders all go there. Unset: one machine, localhost
    /// clustering and a SQLite file under <see cref="DataDirectory"/>.
    /// </summary>
    public string? Redis { get; set; }

    public int SiloPort { get; set; } = 11111;
    /// <summary>The port clients connect to; 0 opens no gateway (a worker clients should not route through).</summary>
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "orleansgan";
    public string ServiceId { get; set; } = "orleansgan";

    /// <summary>This silo's name (in Kubernetes the pod name, from POD_NAME); null lets Orleans choose.</summary>
    public string? SiloName { get; set; }

    /// <summary>The IP other silos and clients reach this one at (in Kubernetes the pod IP, from POD_IP).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Serves the Orleans Dashboard at /dashboard on the HTTP port.</summary>
    public bool Dashboard { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "orleansgan.db");
}
