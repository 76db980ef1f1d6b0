using System.CommandLine;

namespace OrleansGan.Cli;

/// <summary>Options every command accepts.</summary>
public static class GlobalOptions
{
    public const string GatewayVariable = "ORLEANSGAN_GATEWAY";

    public static readonly Option<string?> Gateway = new("--gateway")
    {
        Description = $"A cluster's gateway as HOST:PORT (default ${GatewayVariable})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(GatewayVariable),
    };

    public static readonly Option<bool> Local = new("--local")
    {
        Description = "Use an embedded silo over --data-dir instead of a cluster",
        Recursive = true,
    };

    public static readonly Option<string> DataDir = new("--data-dir")
    {
        Description = "Where the embedded silo keeps its state and artifacts",
        Recursive = true,
        DefaultValueFactory = _ => "./orleansgan-data",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Gateway, Local, DataDir, Json];
}
