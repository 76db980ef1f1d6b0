namespace OrleansGan.Sweeps;

public enum SearchStrategy
{
    /// <summary>Every combination of the listed values.</summary>
    Grid,

    /// <summary>A fixed number of draws from a seeded generator.</summary>
    Random,
}
