using Orleans.Runtime.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Cluster;

/// <summary>
/// Places a trial grain on the worker silo where the slot ledger reserved its slot (the run grain reserves before it
/// calls the trial). The ledger is one grain, so two placements never share a slot.
/// </summary>
internal sealed class TrialPlacementDirector(IGrainFactory grains) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var grant = await grains.GetGrain<ISlotLedgerGrain>(0).GrantOf(target.GrainIdentity.Key.ToString()!);
        var compatible = context.GetCompatibleSilos(target);
        if (grant is not null && compatible.Contains(grant.Silo)) return grant.Silo;
        // No reservation: an activation only to ask about or cancel an attempt whose silo is gone. Any worker can
        // answer (it knows no such training), and it starts nothing, since Start checks for a reservation here.
        return compatible.Contains(context.LocalSilo) ? context.LocalSilo : compatible[Random.Shared.Next(compatible.Length)];
    }
}
