using System.Collections.Immutable;

namespace OrleansGan.Sweeps;

/// <summary>
/// Population-based training (Jaderberg et al. 2017): every <see cref="IntervalEpochs"/> a run in the bottom
/// <see cref="Quantile"/> copies a top-quantile run's checkpoint (exploit) and goes on with its <see cref="Mutable"/> keys
/// resampled from the search space (with <see cref="ResampleProbability"/>) or multiplied by a <see cref="Perturb"/> factor.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PbtSpec : SchedulerSpec
{
    public override string Name => "pbt";

    [Id(0)] public int IntervalEpochs { get; init; } = 2;

    /// <summary>The share of the population in the bottom (and in the top) group, in (0, 0.5].</summary>
    [Id(1)] public double Quantile { get; init; } = 0.25;

    [Id(2)] public double ResampleProbability { get; init; } = 0.25;

    /// <summary>The factors a perturbed value is multiplied by, one of the two at random.</summary>
    [Id(3)] public double PerturbLow { get; init; } = 0.8;

    [Id(4)] public double PerturbHigh { get; init; } = 1.2;

    /// <summary>Run-configuration keys an exploit may change (see <see cref="PbtMutableKeys"/>), each a search parameter.</summary>
    [Id(5)] public ImmutableArray<string> Mutable { get; init; } = [];
}
