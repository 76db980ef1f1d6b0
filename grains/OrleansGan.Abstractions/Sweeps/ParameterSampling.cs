namespace OrleansGan.Sweeps;

public enum ParameterSampling
{
    /// <summary>Listed values: every one in a grid, one at random in a random search.</summary>
    Values,

    /// <summary>Uniform over [low, high]; random search only.</summary>
    Uniform,

    /// <summary>Uniform in log space over [low, high], both > 0; random search only.</summary>
    LogUniform,
}
