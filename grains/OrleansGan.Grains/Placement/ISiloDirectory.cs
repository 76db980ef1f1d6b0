namespace OrleansGan.Grains.Placement;

/// <summary>The silos this silo knows from cluster membership, with the role and capacity each advertises.</summary>
public interface ISiloDirectory
{
    IReadOnlyList<SiloDescription> Silos();

    /// <summary>One silo's membership status (None when membership has never seen it).</summary>
    SiloStatus StatusOf(SiloAddress silo);
}
