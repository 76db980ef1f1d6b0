using System.Globalization;

namespace OrleansGan.Training.Configuration;

/// <summary>Every run-configuration key a config file, --set or a sweep may name.</summary>
public static class RunConfigKeys
{
    public static IReadOnlyList<RunConfigKey> All { get; } =
    [
        Int("epochs", c => c.Epochs, (c, v) => c with { Epochs = v }, AtLeast(1)),
        Int("batch_size", c => c.BatchSize, (c, v) => c with { BatchSize = v },
            v => v < 2 || v % 2 != 0 ? $"must be even and >= 2, got {v}" : null),
        Int("latent_dim", c => c.LatentDim, (c, v) => c with { LatentDim = v }, AtLeast(1)),
        Real("lr_d", c => c.LrD, (c, v) => c with { LrD = v }, Positive),
        Real("lr_g", c => c.LrG, (c, v) => c with { LrG = v }, Positive),
        Real("beta1", c => c.Beta1, (c, v) => c with { Beta1 = v }, HalfOpenUnit),
        Real("beta2", c => c.Beta2, (c, v) => c with { Beta2 = v }, HalfOpenUnit),
        Real("leaky_slope", c => c.LeakySlope, (c, v) => c with { LeakySlope = v }, HalfOpenUnit),
        Real("dropout", c => c.Dropout, (c, v) => c with { Dropout = v }, HalfOpenUnit),
        Int("summary_every_epochs", c => c.SummaryEveryEpochs, (c, v) => c with { SummaryEveryEpochs = v }, AtLeast(1)),
        Int("eval_samples", c => c.EvalSamples, (c, v) => c with { EvalSamples = v }, AtLeast(1)),
        Int("grid", c => c.Grid, (c, v) => c with { Grid = v },
            v => v is < 1 or > 32 ? $"must be between 1 and 32, got {v}" : null),
        new RunConfigKey("seed", RunConfigValueKind.Integer, false, c => c.Seed,
            (c, v) => c with { Seed = (long)v!.Value }, v => v < 0 ? $"must be >= 0, got {v}" : null),
        OptionalInt("steps_per_epoch", c => c.StepsPerEpoch, (c, v) => c with { StepsPerEpoch = v }, AtLeast(1)),
        OptionalInt("max_steps", c => c.MaxSteps, (c, v) => c with { MaxSteps = v }, AtLeast(1)),
    ];

    public static RunConfigKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public static IEnumerable<string> Names => All.Select(k => k.Name);

    /// <summary>Applies "key=value" text, as given on a command line or in a file.</summary>
    public static RunConfig Apply(RunConfig config, string name, string text)
    {
        var key = Find(name) ?? throw new RunConfigException(name, $"unknown key{DidYouMean.Suggest(name, Names)}");
        if (key.Optional && text is "null" or "~" or "") return key.With(config, null);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new RunConfigException(name, $"must be a number, got '{text}'");
        return key.With(config, value);
    }

    /// <summary>The config as key/value pairs (unset optional keys left out), in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> ToPairs(RunConfig config) =>
        All.Where(k => k.Get(config) is not null)
           .Select(k => KeyValuePair.Create(k.Name, k.Get(config)!.Value))
           .ToList();

    /// <summary>Builds a config from key/value pairs over the seed's defaults.</summary>
    public static RunConfig FromPairs(IEnumerable<KeyValuePair<string, double>> pairs)
    {
        var config = new RunConfig();
        foreach (var (name, value) in pairs)
        {
            var key = Find(name) ?? throw new RunConfigException(name, $"unknown key{DidYouMean.Suggest(name, Names)}");
            config = key.With(config, value);
        }
        return config;
    }

    static Func<double, string?> AtLeast(int min) => v => v < min ? $"must be >= {min}, got {v}" : null;
    static string? Positive(double v) => v > 0 ? null : $"must be > 0, got {v}";
    static string? HalfOpenUnit(double v) => v is >= 0 and < 1 ? null : $"must be in [0, 1), got {v}";

    static RunConfigKey Int(string name, Func<RunConfig, int> get, Func<RunConfig, int, RunConfig> with, Func<double, string?> rule) =>
        new(name, RunConfigValueKind.Integer, false, c => get(c), (c, v) => with(c, (int)v!.Value), rule);

    static RunConfigKey OptionalInt(string name, Func<RunConfig, int?> get, Func<RunConfig, int?, RunConfig> with, Func<double, string?> rule) =>
        new(name, RunConfigValueKind.Integer, true, c => get(c), (c, v) => with(c, v is null ? null : (int)v.Value), rule);

    static RunConfigKey Real(string name, Func<RunConfig, double> get, Func<RunConfig, double, RunConfig> with, Func<double, string?> rule) =>
        new(name, RunConfigValueKind.Real, false, c => get(c), (c, v) => with(c, v!.Value), rule);
}
