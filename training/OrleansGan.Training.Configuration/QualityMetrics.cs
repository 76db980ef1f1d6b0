namespace OrleansGan.Training.Configuration;

/// <summary>The sample-quality metrics a run can be scored and ranked by. Lower is better for every one.</summary>
public static class QualityMetrics
{
    /// <summary>Sliced Wasserstein distance (Karras et al. 2018), x1e3, averaged over pyramid levels; needs no weights.</summary>
    public const string Swd = "swd";

    /// <summary>Fréchet Inception distance; needs the pytorch-fid Inception-v3 weights.</summary>
    public const string Fid = "fid";

    /// <summary>Kernel Inception distance (unbiased MMD, cubic kernel); needs the same weights as FID.</summary>
    public const string Kid = "kid";

    public static IReadOnlyList<string> All { get; } = [Swd, Fid, Kid];
}
