namespace OrleansGan.Training.Configuration;

public enum RunConfigValueKind { Integer, Real }

/// <summary>One settable run-configuration key, by its snake_case name, with its rule.</summary>
public sealed class RunConfigKey
{
    readonly Func<RunConfig, double?> _get;
    readonly Func<RunConfig, double?, RunConfig> _with;
    readonly Func<double, string?> _rule;

    internal RunConfigKey(string name, RunConfigValueKind kind, bool optional,
        Func<RunConfig, double?> get, Func<RunConfig, double?, RunConfig> with, Func<double, string?> rule)
    {
        Name = name;
        Kind = kind;
        Optional = optional;
        _get = get;
        _with = with;
        _rule = rule;
    }

    public string Name { get; }
    public RunConfigValueKind Kind { get; }

    /// <summary>An optional key may be unset (null), which means "derive it".</summary>
    public bool Optional { get; }

    public double? Get(RunConfig config) => _get(config);

    /// <summary>Returns the config with this key set; throws <see cref="RunConfigException"/> on a bad value.</summary>
    public RunConfig With(RunConfig config, double? value)
    {
        if (value is null)
        {
            if (!Optional) throw new RunConfigException(Name, "must be set");
            return _with(config, null);
        }
        if (Reason(value.Value) is { } reason) throw new RunConfigException(Name, reason);
        return _with(config, value);
    }

    /// <summary>Why the value breaks this key's rule, or null when it is fine.</summary>
    public string? Reason(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "must be a finite number";
        if (Kind == RunConfigValueKind.Integer && (value != Math.Floor(value) || Math.Abs(value) > int.MaxValue))
            return $"must be a whole number, got {value}";
        return _rule(value);
    }

    internal string? Check(RunConfig config) => Get(config) is { } v ? Reason(v) : null;
}
