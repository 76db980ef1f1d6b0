using OrleansGan.Workers;

namespace OrleansGan.Grains.Workers;

/// <summary>The silo-local service that trains (the worker). Trial grains hand it attempts; it never blocks a grain turn.</summary>
public interface ITrialRunner
{
    string WorkerName { get; }

    /// <exception cref="NoFreeSlotException">no free slot of the kind the run asks for.</exception>
    void Start(string trialKey, TrialAssignment assignment);

    void Cancel(string trialKey);
    bool IsRunning(string trialKey);
}
