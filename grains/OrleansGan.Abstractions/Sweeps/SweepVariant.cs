using System.Collections.Immutable;

namespace OrleansGan.Sweeps;

/// <summary>One run of a sweep: the values it draws, and the whole run configuration they give.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepVariant
{
    /// <summary>0-based, in expansion order.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>The value of each search parameter, in the file's order.</summary>
    [Id(1)] public required ImmutableArray<KeyValuePair<string, double>> Parameters { get; init; }

    /// <summary>Every set run-configuration key after defaults, train and parameters, as RunConfigKeys.ToPairs lists them.</summary>
    [Id(2)] public required ImmutableArray<KeyValuePair<string, double>> Config { get; init; }
}
