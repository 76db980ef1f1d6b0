namespace OrleansGan.Training.Configuration;

/// <summary>
/// What a run is scored by at every summary: a metric of <see cref="QualityMetrics"/> on a number of freshly generated
/// images, against the data set's real statistics. Lower is better.
/// </summary>
public sealed record QualityObjective
{
    /// <summary>Where fid and kid find pytorch-fid's Inception-v3 weights when the objective names none.</summary>
    public const string InceptionWeightsVariable = "ORLEANSGAN_INCEPTION_WEIGHTS";

    public const int MinSamples = 64;

    /// <summary>One of <see cref="QualityMetrics.All"/>.</summary>
    public string Metric { get; init; } = QualityMetrics.Swd;

    /// <summary>Generated images per score; null takes <see cref="DefaultSamples"/> for the device.</summary>
    public int? Samples { get; init; }

    /// <summary>pytorch-fid's pt_inception-2015-12-05-6726825d.pth (a PyTorch state dict), for fid and kid.</summary>
    public string? InceptionWeights { get; init; }

    public bool NeedsInceptionWeights => Metric is QualityMetrics.Fid or QualityMetrics.Kid;

    /// <summary>
    /// SWD keeps 128 neighbourhoods of 147 values per image and level in memory at once (plus their sorted
    /// projections), so it stops at 8,192 images; the Inception metrics keep one 2048-d vector per image.
    /// </summary>
    public static int MaxSamples(string metric) => metric == QualityMetrics.Swd ? 8_192 : 50_000;

    /// <summary>
    /// A count that keeps scoring well under a tenth of training time on the device (bench/README.md): small on a
    /// CPU, where generating and scoring images competes with training for the same cores.
    /// </summary>
    public static int DefaultSamples(string metric, bool accelerator) => (metric, accelerator) switch
    {
        (QualityMetrics.Swd, false) => 256,
        (QualityMetrics.Swd, true) => 4_096,
        (_, false) => 1_000,
        _ => 10_000,
    };

    public int ResolveSamples(bool accelerator) => Samples ?? DefaultSamples(Metric, accelerator);

    /// <summary>Why the metric is unknown or the sample count out of its range, or null when both are fine.</summary>
    public static string? MetricReason(string metric) => QualityMetrics.All.Contains(metric)
        ? null
        : $"must be one of {string.Join(", ", QualityMetrics.All)}, got '{metric}'";

    public static string? SamplesReason(string metric, int samples) =>
        samples < MinSamples ? $"must be >= {MinSamples}, got {samples}"
        : samples > MaxSamples(metric) ? $"must be <= {MaxSamples(metric)} for {metric}, got {samples}"
        : null;

    /// <summary>The Inception weights file named here, or else by <see cref="InceptionWeightsVariable"/>; null when neither.</summary>
    public string? ResolveInceptionWeights(Func<string, string?> environment) =>
        InceptionWeights ?? (environment(InceptionWeightsVariable) is { Length: > 0 } fromEnvironment ? Path.GetFullPath(fromEnvironment) : null);

    /// <summary>Why fid or kid cannot be scored with <paramref name="weights"/> (resolved), or null when they can.</summary>
    public string? MissingWeightsReason(string? weights) =>
        !NeedsInceptionWeights || weights is not null && File.Exists(weights) ? null
        : weights is null ? $"{Metric} needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): " +
                            $"set objective.inception_weights in the sweep file, --inception-weights for train, or {InceptionWeightsVariable}"
        : $"{Metric} needs pytorch-fid's Inception-v3 weights, and {weights} is not a file";
}
