namespace OrleansGan.Workers;

/// <summary>
/// One attempt at a run (key "runId#attempt"), placed by the trial placement director on a worker silo with a free
/// slot of the kind the run asks for, and kept active there while the attempt trains. Training happens outside grain
/// turns; this grain only starts, stops and answers for it.
/// </summary>
[Alias("ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <exception cref="NoFreeSlotException">no worker has a free slot of the kind asked for.</exception>
    [Alias("Start")] Task<TrialStarted> Start(TrialAssignment assignment);
    [Alias("Cancel")] Task Cancel();
    [Alias("IsRunning")] Task<bool> IsRunning();
}
