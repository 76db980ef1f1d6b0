using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace OrleansGan.Sweeps;

/// <summary>A hyperparameter sweep as a sweep file describes it; <see cref="SweepExpander"/> turns it into runs.</summary>
[GenerateSerializer, Immutable]
public sealed partial record SweepDefinition
{
    /// <summary>The most variants one sweep may expand to, grid or random.</summary>
    public const int MaxVariants = 10_000;

    /// <summary>1 to 63 lowercase letters, digits and '-', starting with a letter or digit.</summary>
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public string? Description { get; init; }

    [Id(2)] public required DataSource Data { get; init; }

    /// <summary>Run-configuration keys every variant sets, over the seed's defaults; a search parameter of the same key wins.</summary>
    [Id(3)] public ImmutableArray<KeyValuePair<string, double>> Train { get; init; } = [];

    [Id(4)] public SearchSpace Search { get; init; } = new();

    [Id(5)] public SweepResources Resources { get; init; } = new();

    [Id(6)] public SweepObjective Objective { get; init; } = new();

    /// <summary>The sweep file's text as submitted, kept for the record (reports show it); null when built in code.</summary>
    [Id(7)] public string? SourceText { get; init; }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
