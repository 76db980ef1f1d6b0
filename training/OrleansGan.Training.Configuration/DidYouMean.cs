namespace OrleansGan.Training.Configuration;

/// <summary>Suggests the closest known name for a misspelt one.</summary>
public static class DidYouMean
{
    /// <returns>" (did you mean 'x'?)" or an empty string when nothing is close.</returns>
    public static string Suggest(string given, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Levenshtein(given, k)))
                        .OrderBy(p => p.Distance)
                        .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, given.Length / 3)
            ? $" (did you mean '{best.Name}'?)"
            : "";
    }

    static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
