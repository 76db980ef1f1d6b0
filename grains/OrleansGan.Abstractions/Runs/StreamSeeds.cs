namespace OrleansGan.Runs;

/// <summary>Seeds a PBT recipient's step generator after an exploit from its own seed, its index and the copied step (SplitMix64's finalizer).</summary>
public static class StreamSeeds
{
    public static ulong Mix(ulong seed, ulong index, ulong step)
    {
        var z = seed ^ (index * 0x9E37_79B9_7F4A_7C15UL) ^ (step * 0xD1B5_4A32_D192_ED03UL);
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
