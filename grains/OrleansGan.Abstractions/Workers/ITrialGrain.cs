namespace OrleansGan.Workers;

/// <summary>
/// One attempt at a run, activated on the worker silo that trains it (key "runId#attempt").
/// Training happens outside grain turns; this grain only starts, stops and answers for it.
/// </summary>
[Alias("ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <returns>The worker's name.</returns>
    /// <exception cref="NoFreeSlotException">the worker has no free slot of the kind asked for.</exception>
    [Alias("Start")] Task<string> Start(TrialAssignment assignment);
    [Alias("Cancel")] Task Cancel();
    [Alias("IsRunning")] Task<bool> IsRunning();
}
