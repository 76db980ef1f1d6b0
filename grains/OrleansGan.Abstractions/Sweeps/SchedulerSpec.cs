namespace OrleansGan.Sweeps;

/// <summary>
/// How an experiment cuts or reshapes its runs from their objective scores, which come at summaries:
/// <see cref="AshaSpec"/>, <see cref="MedianStoppingSpec"/> or <see cref="PbtSpec"/>. A sweep without one trains every run to its end.
/// </summary>
[GenerateSerializer, Immutable]
public abstract record SchedulerSpec
{
    /// <summary>The sweep file's name for it, under scheduler:.</summary>
    public abstract string Name { get; }
}
