using Orleans.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Workers;

/// <summary>
/// Placed on a worker silo and kept active while its attempt trains there, so that Cancel and
/// IsRunning reach the silo that holds the training thread. A fresh activation knows no training: IsRunning is false.
/// </summary>
[PreferLocalPlacement]
public sealed class TrialGrain(ITrialRunner runner) : Grain, ITrialGrain
{
    string TrialKey => this.GetPrimaryKeyString();

    public Task<string> Start(TrialAssignment assignment)
    {
        runner.Start(TrialKey, assignment);
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.FromResult(runner.WorkerName);
    }

    public Task Cancel()
    {
        runner.Cancel(TrialKey);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<bool> IsRunning()
    {
        var running = runner.IsRunning(TrialKey);
        if (!running) DeactivateOnIdle();
        return Task.FromResult(running);
    }
}
