namespace OrleansGan.Scheduling;

/// <summary>One ASHA rung: every run's score recorded there, in the order they arrived, with the latest decision each got.</summary>
[GenerateSerializer]
public sealed record AshaRung
{
    [Id(0)] public required int Epoch { get; init; }

    [Id(1)] public List<AshaArrival> Arrivals { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record AshaArrival(
    [property: Id(0)] string Run,
    [property: Id(1)] double Score,
    [property: Id(2)] StoppingDecision Decision)
{
    /// <summary>Whether the run went on from this rung: at once, or later by a promotion.</summary>
    public bool Promoted => Decision.Verdict == StoppingVerdict.Continue;
}
