using System.Collections.Immutable;

namespace OrleansGan.Scheduling;

/// <summary>One run of a PBT population: its mutable keys' current values and its latest score.</summary>
[GenerateSerializer]
public sealed record PbtMember
{
    [Id(0)] public required string Run { get; init; }

    /// <summary>The mutable keys' values the run trains with now, in the sweep's mutable order.</summary>
    [Id(1)] public required ImmutableArray<KeyValuePair<string, double>> Values { get; set; }

    /// <summary>The epoch of the latest score: the summary whose checkpoint a recipient would copy.</summary>
    [Id(2)] public int Epoch { get; set; }

    [Id(3)] public double? Score { get; set; }

    /// <summary>The epoch PBT last ranked this run at (or the donor's epoch it copied); the next is an interval on.</summary>
    [Id(4)] public int RankedAtEpoch { get; set; }

    /// <summary>Failed for good: neither ranked nor copied from.</summary>
    [Id(5)] public bool Left { get; set; }

    /// <summary>The decision the latest report got, returned again when that report is repeated.</summary>
    [Id(6)] public PbtDecision? LastDecision { get; set; }
}
