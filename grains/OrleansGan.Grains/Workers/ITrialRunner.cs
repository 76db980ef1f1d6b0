using OrleansGan.Workers;

namespace OrleansGan.Grains.Workers;

/// <summary>
/// The silo-local service that trains (the worker). Trial grains hand it attempts; it never blocks a grain turn. When an
/// attempt ends it releases the attempt's slot in the ledger first and then reports the end to the run grain, so the slot
/// is free by the time the run's experiment starts its next run.
/// </summary>
public interface ITrialRunner
{
    string WorkerName { get; }

    /// <exception cref="NoFreeSlotException">the granted device has no free slot here.</exception>
    void Start(string trialKey, TrialAssignment assignment, SlotGrant grant);

    void Cancel(string trialKey);
    bool IsRunning(string trialKey);

    /// <summary>The slots of the attempts training now (sent to the ledger every few seconds).</summary>
    IReadOnlyList<SlotGrant> RunningGrants { get; }
}
