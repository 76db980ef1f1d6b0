using OrleansGan.Grains.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Workers;

/// <summary>
/// Placed on the silo of its slot (see <see cref="TrialPlacementDirector"/>) and kept active there while its attempt
/// trains, so that Cancel and IsRunning reach the silo that holds the training. A fresh activation knows no training:
/// IsRunning is false. It releases no slot: the run grain gives back a reservation that never started, the worker
/// one that trained.
/// </summary>
[TrialPlacement]
public sealed class TrialGrain(ITrialRunner runner, ILocalSiloDetails silo) : Grain, ITrialGrain
{
    static readonly TimeSpan EndCheckPeriod = TimeSpan.FromSeconds(10);

    string Key => this.GetPrimaryKeyString();
    IGrainTimer? _endCheck;

    public Task<TrialStarted> Start(TrialAssignment assignment, SlotGrant grant)
    {
        if (!grant.Silo.Equals(silo.SiloAddress))
        {
            DeactivateOnIdle();
            throw new NoFreeSlotException($"trial {Key} reached {silo.SiloAddress}, not the worker of its slot ({grant.WorkerName})");
        }
        try
        {
            runner.Start(Key, assignment, grant);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        DelayDeactivation(TimeSpan.FromDays(365));
        _endCheck ??= this.RegisterGrainTimer(LeaveWhenEnded, new GrainTimerCreationOptions(EndCheckPeriod, EndCheckPeriod));
        return Task.FromResult(new TrialStarted(runner.WorkerName, grant.Silo, grant.Device));
    }

    public Task Cancel()
    {
        runner.Cancel(Key);
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<bool> IsRunning()
    {
        var running = runner.IsRunning(Key);
        if (!running) DeactivateOnIdle();
        return Task.FromResult(running);
    }

    Task LeaveWhenEnded(CancellationToken cancellation)
    {
        if (!runner.IsRunning(Key)) DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
