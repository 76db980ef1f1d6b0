using OrleansGan.SweepFiles;
using System.CommandLine;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Cli.Local;

/// <summary>--config FILE and --set key=value, applied in that order over the seed's defaults.</summary>
internal static class TrainingSettings
{
    public static readonly Option<string?> Config = new("--config") { Description = "YAML file of run-configuration keys" };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override one key, e.g. --set lr_g=0.0004 (repeatable)",
        DefaultValueFactory = _ => [],
    };

    public static RunConfig Resolve(ParseResult parse, RunConfig defaults)
    {
        var config = defaults;
        if (parse.GetValue(Config) is { } file)
        {
            if (!File.Exists(file)) throw new UsageException($"--config {file}: no such file");
            foreach (var (key, value) in SweepFileParser.ParseRunConfig(file)) config = RunConfigKeys.Find(key)!.With(config, value);
        }
        foreach (var assignment in parse.GetValue(Set) ?? [])
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0) throw new UsageException($"--set {assignment}: expected key=value");
            config = RunConfigKeys.Apply(config, assignment[..equals].Trim(), assignment[(equals + 1)..].Trim());
        }
        return config.Validated();
    }
}
