using Orleans.Runtime.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Grains.Placement;

/// <summary>
/// Places a trial grain where its run grain says, and asks nobody: the run grain reserves a slot in the slot ledger
/// first and calls the trial with that slot's silo as Orleans' placement hint (<see cref="IPlacementDirector.PlacementHintKey"/>
/// in the request context). A call without a hint only asks about or cancels an attempt whose activation is gone; any
/// worker answers that (it knows no such training), and it starts nothing, since Start checks that it runs on its slot's silo.
/// </summary>
public sealed class TrialPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var trial = target.GrainIdentity.Key.ToString();
        var workers = WorkerSilos(trial, target, context);
        if (target.RequestContextData?.GetValueOrDefault(IPlacementDirector.PlacementHintKey) is SiloAddress hinted)
        {
            return workers.Contains(hinted)
                ? Task.FromResult(hinted)
                : throw new NoFreeSlotException($"trial {trial}: the worker of its slot ({hinted}) is no longer in the cluster");
        }
        return Task.FromResult(workers.Contains(context.LocalSilo) ? context.LocalSilo : workers[Random.Shared.Next(workers.Length)]);
    }

    /// <exception cref="NoFreeSlotException">there is none (rather than Orleans' "no active nodes are compatible").</exception>
    static SiloAddress[] WorkerSilos(string trial, PlacementTarget target, IPlacementContext context)
    {
        try
        {
            var workers = context.GetCompatibleSilos(target);
            return workers.Length > 0 ? workers : throw new NoFreeSlotException($"trial {trial}: no live worker silo to place it on");
        }
        catch (OrleansException e) when (e is not OrleansMessageRejectionException)
        {
            throw new NoFreeSlotException($"trial {trial}: no live worker silo to place it on");
        }
    }
}
