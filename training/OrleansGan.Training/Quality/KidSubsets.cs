namespace OrleansGan.Training.Quality;

/// <summary>KID's random subsets: for each, <c>size</c> distinct row indices of each set, from one seeded generator.</summary>
static class KidSubsets
{
    public sealed record Pair(long[] First, long[] Second);

    public static IReadOnlyList<Pair> Draw(long firstCount, long secondCount, int size, int count, int seed)
    {
        var random = new Random(seed);
        var first = Enumerable.Range(0, (int)firstCount).Select(i => (long)i).ToArray();
        var second = Enumerable.Range(0, (int)secondCount).Select(i => (long)i).ToArray();
        return Enumerable.Range(0, count).Select(_ => new Pair(Pick(first, size, random), Pick(second, size, random))).ToList();
    }

    /// <summary>The first <paramref name="size"/> places of a partial Fisher-Yates shuffle: a uniform draw without replacement.</summary>
    static long[] Pick(long[] pool, int size, Random random)
    {
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..size];
    }
}
