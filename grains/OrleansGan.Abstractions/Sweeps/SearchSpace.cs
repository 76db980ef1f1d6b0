using System.Collections.Immutable;

namespace OrleansGan.Sweeps;

/// <summary>Which hyperparameters a sweep varies, and how it picks their values.</summary>
[GenerateSerializer, Immutable]
public sealed record SearchSpace
{
    [Id(0)] public SearchStrategy Strategy { get; init; } = SearchStrategy.Grid;

    /// <summary>How many variants a random search draws; a grid ignores it.</summary>
    [Id(1)] public int? Trials { get; init; }

    /// <summary>
    /// Seeds a random search's generator, so the same sweep draws the same variants; 0 when the
    /// sweep file leaves it out, and a grid ignores it.
    /// </summary>
    [Id(2)] public int Seed { get; init; }

    /// <summary>In the file's order; with none, the sweep is one variant.</summary>
    [Id(3)] public ImmutableArray<ParameterSpace> Parameters { get; init; } = [];
}
