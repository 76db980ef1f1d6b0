namespace OrleansGan.Workers;

/// <summary>
/// The cluster's one book of worker slots (key 0), kept in memory, so two placements never take the same slot. A run
/// grain reserves a slot before it starts an attempt and gives it back if the start fails; once the attempt trains, its
/// worker holds the slot and releases it when the attempt ends. Workers resend what they run every few seconds, which
/// rebuilds the book after the ledger moves to another silo.
/// </summary>
[Alias("ISlotLedgerGrain")]
public interface ISlotLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>A slot for this placement try on the least-loaded worker with room for <paramref name="gpus"/>.</summary>
    /// <exception cref="NoFreeSlotException">no live worker has such a slot now (the message says why).</exception>
    [Alias("Reserve")] Task<SlotGrant> Reserve(string trialKey, double gpus);

    [Alias("Release")] Task Release(string trialKey);

    /// <summary>A worker's running trials; its reservations that never started are dropped after a grace period.</summary>
    [Alias("SyncWorker")] Task SyncWorker(SiloAddress silo, IReadOnlyList<SlotGrant> running);

    [Alias("GetClusterStatus")] Task<ClusterStatus> GetClusterStatus();
}
