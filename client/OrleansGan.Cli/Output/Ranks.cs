namespace OrleansGan.Cli.Output;

internal static class Ranks
{
    /// <summary>
    /// Competition ranks of scores sorted best first: equal scores share a rank and the next one skips ("1, 2, 2, 4").
    /// An unscored entry (null) has no rank.
    /// </summary>
    public static IReadOnlyList<int?> Competition(IReadOnlyList<double?> sortedScores) =>
        sortedScores.Select((score, i) => score is { } s ? 1 + sortedScores.Take(i).Count(other => other < s) : (int?)null).ToList();
}
