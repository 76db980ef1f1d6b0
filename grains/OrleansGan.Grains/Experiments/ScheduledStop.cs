using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Grains.Experiments;

/// <summary>A run the scheduler ends, with the status it ends in (stopped, or completed at ASHA's max_epochs) and why.</summary>
[GenerateSerializer, Immutable, Alias("ScheduledStop")]
public sealed record ScheduledStop(
    [property: Id(0)] int Index,
    [property: Id(1)] RunStatus Status,
    [property: Id(2)] string Reason)
{
    public SchedulerDecisionKind Kind => Status == RunStatus.Stopped ? SchedulerDecisionKind.Stop : SchedulerDecisionKind.Complete;
}
