namespace OrleansGan.Sweeps;

/// <summary>What a sweep may use at once, and how often a run may fail.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepResources
{
    /// <summary>The most runs that may share one GPU: a share of 1/16.</summary>
    public const int MaxTrialsPerGpu = 16;

    /// <summary>The least <see cref="MaxConcurrent"/> and <see cref="MaxFailures"/> may be.</summary>
    public const int MinLimit = 1;

    /// <summary>Runs of this sweep at once.</summary>
    [Id(0)] public int MaxConcurrent { get; init; } = 4;

    /// <summary>
    /// GPUs one run holds: 1, or 1/k so that k runs share a GPU (the trainer uses one device). The default 0 runs
    /// on a CPU worker.
    /// </summary>
    [Id(1)] public double GpusPerTrial { get; init; }

    /// <summary>Attempts per run before it is failed.</summary>
    [Id(2)] public int MaxFailures { get; init; } = 3;

    /// <summary>
    /// The share as <see cref="GpusPerTrial"/> takes it, or null when it is not 0, 1 or 1/k
    /// for k up to <see cref="MaxTrialsPerGpu"/>. A fraction within 0.5% of 1/k is taken as exactly 1/k,
    /// so 0.333 means a third.
    /// </summary>
    public static double? GpuShare(double gpusPerTrial)
    {
        if (!double.IsFinite(gpusPerTrial) || gpusPerTrial < 0) return null;
        if (gpusPerTrial == 0 || gpusPerTrial >= 1) return gpusPerTrial is 0 or 1 ? gpusPerTrial : null;
        var trialsPerGpu = Math.Round(1 / gpusPerTrial);
        return trialsPerGpu <= MaxTrialsPerGpu && Math.Abs(gpusPerTrial * trialsPerGpu - 1) <= 0.005
            ? 1 / trialsPerGpu
            : null;
    }
}
