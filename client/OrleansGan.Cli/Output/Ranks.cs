namespace OrleansGan.Cli.Output;

internal static class Ranks
{
    /// <summary>
    /// Competition ranks of scores sorted best first, unscored (null) last: equal scores share a rank and the next one
    /// skips ("1, 2, 2, 4"). An unscored entry has no rank.
    /// </summary>
    public static IReadOnlyList<int?> Competition(IReadOnlyList<double?> sortedScores)
    {
        var ranks = new int?[sortedScores.Count];
        for (var i = 0; i < sortedScores.Count && sortedScores[i] is not null; i++)
            ranks[i] = i > 0 && sortedScores[i] == sortedScores[i - 1] ? ranks[i - 1] : i + 1;
        return ranks;
    }
}
