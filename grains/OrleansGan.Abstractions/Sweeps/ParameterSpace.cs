using System.Collections.Immutable;

namespace OrleansGan.Sweeps;

/// <summary>The values one run-configuration key takes across a sweep.</summary>
[GenerateSerializer, Immutable]
public sealed record ParameterSpace
{
    ParameterSpace() { }

    /// <summary>A run-configuration key's snake_case name.</summary>
    [Id(0)] public string Key { get; private init; } = "";

    [Id(1)] public ParameterSampling Sampling { get; private init; }

    /// <summary>Set for <see cref="ParameterSampling.Values"/>, in the file's order.</summary>
    [Id(2)] public ImmutableArray<double> Values { get; private init; } = [];

    /// <summary>The range's bounds for <see cref="ParameterSampling.Uniform"/> and <see cref="ParameterSampling.LogUniform"/>.</summary>
    [Id(3)] public double Low { get; private init; }

    [Id(4)] public double High { get; private init; }

    public static ParameterSpace FromValues(string key, IEnumerable<double> values) =>
        new() { Key = key, Sampling = ParameterSampling.Values, Values = [.. values] };

    public static ParameterSpace Uniform(string key, double low, double high) =>
        new() { Key = key, Sampling = ParameterSampling.Uniform, Low = low, High = high };

    public static ParameterSpace LogUniform(string key, double low, double high) =>
        new() { Key = key, Sampling = ParameterSampling.LogUniform, Low = low, High = high };
}
