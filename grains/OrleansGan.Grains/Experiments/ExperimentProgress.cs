using OrleansGan.Experiments;

namespace OrleansGan.Grains.Experiments;

/// <summary>
/// How far an experiment has come, written on every change. Its size follows the runs in flight and the best runs
/// kept, not the runs in all: runs start in index order, so the ones before <see cref="Started"/> and not
/// <see cref="Active"/> have finished, and only their counts are kept.
/// </summary>
[GenerateSerializer, Alias("ExperimentProgress")]
public sealed class ExperimentProgress
{
    [Id(0)] public ExperimentStatus Status { get; set; }
    [Id(1)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Runs 0 .. Started - 1 have been started.</summary>
    [Id(2)] public int Started { get; set; }

    /// <summary>Indexes of started runs whose end the experiment has not counted yet.</summary>
    [Id(3)] public List<int> Active { get; set; } = [];

    [Id(4)] public int Completed { get; set; }
    [Id(5)] public int Failed { get; set; }

    /// <summary>Cancelled while running, or before they started.</summary>
    [Id(6)] public int Cancelled { get; set; }

    /// <summary>Best first, at most <see cref="ExperimentRuns.TopKept"/>.</summary>
    [Id(7)] public List<ScoredRun> Top { get; set; } = [];

    /// <summary>The catalog has the experiment's end: nothing is left for the drive reminder to do.</summary>
    [Id(8)] public bool CatalogUpdated { get; set; }

    /// <summary>Cut early by the scheduler (a run resumed by hand leaves this count while it trains).</summary>
    [Id(9)] public int Stopped { get; set; }
}
