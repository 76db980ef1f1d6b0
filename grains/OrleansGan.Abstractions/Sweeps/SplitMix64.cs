namespace OrleansGan.Sweeps;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014). Unlike System.Random, whose algorithm may change
/// between runtimes, this fixes the draws a seed gives for good.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    ulong _state = seed;

    /// <summary>Where the stream stands: a generator made from it continues with the same draws.</summary>
    public ulong State => _state;

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
