namespace OrleansGan.Workers;

/// <summary>
/// The cluster's one book of worker slots (key 0), kept in memory: the trial placement director reserves here, so two
/// placements never take the same slot; workers release when a trial ends and resend what they run every few seconds,
/// which rebuilds the book after the ledger moves to another silo.
/// </summary>
[Alias("ISlotLedgerGrain")]
public interface ISlotLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>A slot for this attempt on the least-loaded worker with room for <paramref name="gpus"/>.</summary>
    /// <exception cref="NoFreeSlotException">no live worker has such a slot now (the message says why).</exception>
    [Alias("Reserve")] Task<SlotGrant> Reserve(string trialKey, double gpus);

    [Alias("GrantOf")] Task<SlotGrant?> GrantOf(string trialKey);
    [Alias("Release")] Task Release(string trialKey);

    /// <summary>A worker's running trials; its reservations that never started are dropped after a grace period.</summary>
    [Alias("SyncWorker")] Task SyncWorker(SiloAddress silo, IReadOnlyList<SlotGrant> running);

    [Alias("GetClusterStatus")] Task<ClusterStatus> GetClusterStatus();
}
