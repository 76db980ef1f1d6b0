namespace OrleansGan.Hosting;

/// <summary>A silo's cluster settings (section "OrleansGan" of the configuration, or ORLEANSGAN__* variables).</summary>
public sealed class OrleansGanOptions
{
    public const string Section = "OrleansGan";

    /// <summary>State database (embedded mode) and, by default, the artifact root.</summary>
    public string DataDirectory { get; set; } = "./orleansgan-data";

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "orleansgan";
    public string ServiceId { get; set; } = "orleansgan";

    /// <summary>Whether this silo trains runs (a worker) as well as hosting the control grains.</summary>
    public bool Worker { get; set; } = true;

    /// <summary>Serves the Orleans Dashboard at /dashboard on the HTTP port.</summary>
    public bool Dashboard { get; set; }

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "orleansgan.db");
}
