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

    /// <summary>
    /// pytorch-fid's Inception-v3 weights (absolute path) for fid and kid: the sweep file's objective.inception_weights, or
    /// the submitting machine's ORLEANSGAN_INCEPTION_WEIGHTS. Null for swd; a worker without it falls back to its own variable.
    /// </summary>
    [Id(2)] public string? InceptionWeights { get; init; }

    /// <summary>The same objective as the trainer takes it.</summary>
    public QualityObjective ForTrainer() => new() { Metric = Metric, Samples = Samples, InceptionWeights = InceptionWeights };
}
