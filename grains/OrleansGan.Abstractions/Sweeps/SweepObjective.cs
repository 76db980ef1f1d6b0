using OrleansGan.Training.Configuration;

namespace OrleansGan.Sweeps;

/// <summary>What a sweep's runs are scored by at every summary and ranked by (lower is better).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepObjective
{
    /// <summary>One of <see cref="QualityMetrics.All"/>.</summary>
    [Id(0)] public string Metric { get; init; } = QualityMetrics.Swd;

    /// <summary>Generated images scored per summary; null lets the worker choose what suits its device.</summary>
    [Id(1)] public int? Samples { get; init; }
}
