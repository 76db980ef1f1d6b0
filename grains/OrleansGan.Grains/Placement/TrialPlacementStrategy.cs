using Orleans.Placement;

namespace OrleansGan.Grains.Placement;

/// <summary>Trial grains go to a worker silo with a free slot of the kind the run asks for (see the placement director).</summary>
[GenerateSerializer, Immutable, Alias("TrialPlacementStrategy")]
public sealed class TrialPlacementStrategy : PlacementStrategy
{
    public static TrialPlacementStrategy Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class TrialPlacementAttribute() : PlacementAttribute(TrialPlacementStrategy.Instance);
