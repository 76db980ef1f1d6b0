using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>
/// An experiment at a glance, however many runs it has: counts per status, the runs in flight, the best runs and its
/// scheduler's latest decisions.
/// Runs start in index order, so runs 0 .. <see cref="Started"/> - 1 have run grains and the rest wait their turn
/// (or were cancelled before it); <see cref="ExperimentRuns"/> describes those.
/// </summary>
[GenerateSerializer, Immutable, Alias("ExperimentSnapshot")]
public sealed record ExperimentSnapshot(
    [property: Id(0)] ExperimentEntry Entry,
    [property: Id(1)] SweepDefinition Sweep,
    [property: Id(2)] RunCounts Counts,
    [property: Id(3)] int Started,
    [property: Id(4)] IReadOnlyList<string> Active,
    [property: Id(5)] IReadOnlyList<ScoredRun> Top)
{
    /// <summary>How many of the best runs a snapshot carries.</summary>
    public const int TopShown = 10;

    /// <summary>The scheduler's latest decisions, oldest first; at most <see cref="DecisionsKept"/>.</summary>
    [Id(6)] public IReadOnlyList<SchedulerDecision> Decisions { get; init; } = [];

    /// <summary>How many of its latest decisions an experiment keeps (in its scheduler state) and a snapshot carries.</summary>
    public const int DecisionsKept = 20;

    public bool IsFinished => Entry.FinishedAt is not null;
}
