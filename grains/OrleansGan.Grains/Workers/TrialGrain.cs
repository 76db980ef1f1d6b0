using Microsoft.Extensions.Logging;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Workers;

/// <summary>
/// Placed where the slot ledger reserved a slot, and kept active while its attempt trains there, so that Cancel and
/// IsRunning reach the silo that holds the training thread. A fresh activation knows no training: IsRunning is false.
/// </summary>
[TrialPlacement]
public sealed class TrialGrain(ITrialRunner runner, ILocalSiloDetails silo, ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    string Key => this.GetPrimaryKeyString();
    ISlotLedgerGrain Ledger => GrainFactory.GetGrain<ISlotLedgerGrain>(0);

    public async Task<TrialStarted> Start(TrialAssignment assignment)
    {
        var grant = await Ledger.GrantOf(Key);
        if (grant is null || !grant.Silo.Equals(silo.SiloAddress))
        {
            DeactivateOnIdle();
            throw new NoFreeSlotException($"the slot reserved for {Key} is gone; placing it again");
        }
        try
        {
            runner.Start(Key, assignment, grant);
        }
        catch
        {
            await Ledger.Release(Key);
            DeactivateOnIdle();
            throw;
        }
        DelayDeactivation(TimeSpan.FromDays(365));
        return new TrialStarted(runner.WorkerName, grant.Silo, grant.Device);
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

    /// <summary>
    /// An activation made only to ask or cancel (placement reserved a slot for it) gives that slot back. Not while the silo
    /// shuts down: the ledger may be gone already (every call would log a placement error), and the worker's sync releases it.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (runner.IsRunning(Key) || reason.ReasonCode == DeactivationReasonCode.ShuttingDown) return;
        try { await Ledger.Release(Key); }
        catch (Exception e) { logger.LogDebug(e, "Trial {Trial}: could not release its slot; the worker's next sync will", Key); }
    }
}
