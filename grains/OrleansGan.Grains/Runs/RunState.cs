using OrleansGan.Runs;

namespace OrleansGan.Grains.Runs;

[GenerateSerializer, Alias("RunState")]
public sealed class RunState
{
    [Id(0)] public RunSpec? Spec { get; set; }
    [Id(1)] public RunStatus Status { get; set; }
    [Id(2)] public string? StatusReason { get; set; }
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public int Failures { get; set; }
    [Id(5)] public long Step { get; set; }
    [Id(6)] public long TotalSteps { get; set; }
    [Id(7)] public List<MetricPoint> History { get; set; } = [];
    [Id(8)] public List<CheckpointRecord> Checkpoints { get; set; } = [];
    [Id(9)] public string? Worker { get; set; }
    [Id(10)] public DateTimeOffset? StartedAt { get; set; }
    [Id(11)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(12)] public DateTimeOffset LastReportAt { get; set; }
    [Id(13)] public SiloAddress? TrialSilo { get; set; }
    /// <summary>The trial key of the attempt that trains (or last trained): the only one whose reports count.</summary>
    [Id(14)] public string? TrialKey { get; set; }
    /// <summary>Placement tries so far, over all attempts: each try's trial key is new.</summary>
    [Id(15)] public int PlacementTries { get; set; }
    /// <summary>The run has finished and its experiment has not yet confirmed it heard so.</summary>
    [Id(16)] public bool FinishNoticePending { get; set; }
    /// <summary>A PBT exploit the run has been told of and whose copy has not been confirmed by an attempt yet.</summary>
    [Id(17)] public ExploitOrder? Exploit { get; set; }
    [Id(18)] public List<LineageEntry> Lineage { get; set; } = [];
    /// <summary>
    /// The attempt a stop or cancel ended early, until it reports its end: it still writes its stop checkpoint into the
    /// run's directory, so a resumed run starts no attempt beside it.
    /// </summary>
    [Id(19)] public string? EndingTrial { get; set; }
    [Id(20)] public DateTimeOffset? EndingSince { get; set; }
}
