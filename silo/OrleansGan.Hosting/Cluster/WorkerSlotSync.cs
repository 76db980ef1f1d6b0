using Microsoft.Extensions.Logging;
using OrleansGan.Grains.Workers;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Cluster;

/// <summary>
/// Sends this worker's running trials to the slot ledger every few seconds while the silo is active, so the ledger's
/// in-memory book survives the ledger grain moving to another silo, and forgets reservations that never started.
/// </summary>
internal sealed class WorkerSlotSync(ITrialRunner runner, IGrainFactory grains, ILocalSiloDetails silo, ILogger<WorkerSlotSync> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    readonly CancellationTokenSource _stop = new();
    Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe<WorkerSlotSync>(ServiceLifecycleStage.Active,
        _ =>
        {
            _loop = Loop();
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stop.CancelAsync();
            if (_loop is not null) await _loop;
        });

    async Task Loop()
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try { await grains.GetGrain<ISlotLedgerGrain>(0).SyncWorker(silo.SiloAddress, runner.RunningGrants); }
                catch (Exception e) { logger.LogDebug(e, "Slot sync failed; next period retries"); }
            }
        }
        catch (OperationCanceledException) { }
    }
}
