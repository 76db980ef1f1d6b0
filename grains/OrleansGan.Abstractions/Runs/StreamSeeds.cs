using OrleansGan.Sweeps;

namespace OrleansGan.Runs;

/// <summary>
/// Seeds a PBT recipient's step generator after an exploit: a SplitMix64 draw from its own seed, its index and the copied
/// step, so that it is the recipient's own stream (not the donor's, nor another recipient's of the same step).
/// </summary>
public static class StreamSeeds
{
    public static ulong Mix(ulong seed, ulong index, ulong step) =>
        new SplitMix64(unchecked(seed ^ (index * 0xD1B5_4A32_D192_ED03UL) ^ (step * 0xAEF1_7502_108E_F2D9UL))).Next();
}
