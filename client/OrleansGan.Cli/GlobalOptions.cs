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

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log what the cluster client and embedded silo do, and show errors' stack traces",
        Recursive = true,
    };

    public static readonly Option<TimeSpan> ConnectTimeout = new("--connect-timeout")
    {
        Description = "How long to wait for the --gateway to answer, in seconds",
        Recursive = true,
        HelpName = "SECONDS",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(5),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600)
                return TimeSpan.FromSeconds(seconds);
            result.AddError($"--connect-timeout {text}: expected seconds, more than 0 and at most 3600");
            return default;
        },
    };

    public static IEnumerable<Option> All => [Gateway, Local, DataDir, Json, Verbose, ConnectTimeout];
}
