namespace OrleansGan.Sweeps;

/// <summary>
/// The median stopping rule (Golovin et al., Google Vizier, KDD 2017): from <see cref="GraceEpochs"/> on, a run stops when
/// its best score so far is worse than the median of the completed runs' running averages at the same epoch, once
/// <see cref="MinRuns"/> runs have completed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MedianStoppingSpec : SchedulerSpec
{
    public override string Name => "median";

    [Id(0)] public int GraceEpochs { get; init; } = 2;

    [Id(1)] public int MinRuns { get; init; } = 3;
}
