namespace OrleansGan.Experiments;

/// <summary>
/// One decision of an experiment's scheduler about one run: a stop (ASHA, the median rule), a promotion of a stopped run
/// or a completion at max_epochs (ASHA), or a PBT exploit, with the reason the scheduler gave.
/// </summary>
/// <param name="DonorRun">For an exploit: the run whose checkpoint the run copies.</param>
/// <param name="DonorStep">For an exploit: the step of that checkpoint.</param>
[GenerateSerializer, Immutable, Alias("SchedulerDecision")]
public sealed record SchedulerDecision(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string RunId,
    [property: Id(2)] SchedulerDecisionKind Kind,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? DonorRun = null,
    [property: Id(5)] long? DonorStep = null);
