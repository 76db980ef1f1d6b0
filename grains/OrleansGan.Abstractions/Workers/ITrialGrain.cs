namespace OrleansGan.Workers;

/// <summary>
/// One placement try of an attempt at a run (key <see cref="TrialKey"/>), placed by the trial placement director on the
/// worker silo of its slot, and kept active there while the attempt trains. Training happens outside grain turns; this
/// grain only starts, stops and answers for it.
/// </summary>
[Alias("ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <param name="grant">The slot the ledger reserved for this key; the caller places the call there (placement hint).</param>
    /// <exception cref="NoFreeSlotException">the worker cannot take it (no free slot, stopping, or not the slot's silo).</exception>
    [Alias("Start")] Task<TrialStarted> Start(TrialAssignment assignment, SlotGrant grant);
    [Alias("Cancel")] Task Cancel();
    [Alias("IsRunning")] Task<bool> IsRunning();
}
