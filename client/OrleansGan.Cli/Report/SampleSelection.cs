using OrleansGan.Runs;

namespace OrleansGan.Cli.Report;

/// <summary>
/// Which sample grids the page embeds: all of them while the page stays within its size limit. Past it, grids are taken
/// in turns over the runs in rank order (each run's best, then its last, then its first, then the middle of its widest
/// gap, and so on) while the next one still fits. A run's best grid is always embedded, limit or not.
/// </summary>
internal static class SampleSelection
{
    /// <param name="bytes">What embedding a grid adds to the page.</param>
    /// <param name="budget">What the grids may add to the page in all.</param>
    public static IReadOnlySet<CheckpointRecord> Pick(IReadOnlyList<RankedRun> runs, Func<CheckpointRecord, long> bytes, long budget)
    {
        var picked = new HashSet<CheckpointRecord>();
        var turns = runs.Select(r => Priority(r).GetEnumerator()).ToList();
        var spent = 0L;
        for (var round = 0; turns.Count > 0; round++)
        {
            foreach (var turn in turns.ToList())
            {
                if (!turn.MoveNext())
                {
                    turns.Remove(turn);
                    continue;
                }
                var size = bytes(turn.Current);
                if (round > 0 && spent + size > budget)
                {
                    turns.Remove(turn);
                    continue;
                }
                picked.Add(turn.Current);
                spent += size;
            }
        }
        return picked;
    }

    static IEnumerable<CheckpointRecord> Priority(RankedRun run)
    {
        var ordered = run.Run.Checkpoints.OrderBy(c => c.Step).ToList();
        if (ordered.Count == 0) yield break;
        var seen = new HashSet<int>();
        foreach (var index in Order(ordered.Count, run.Best is null ? -1 : ordered.IndexOf(run.Best)))
            if (index >= 0 && seen.Add(index))
                yield return ordered[index];
    }

    static IEnumerable<int> Order(int count, int best)
    {
        yield return best;
        yield return count - 1;
        yield return 0;
        var gaps = new Queue<(int Lo, int Hi)>([(0, count - 1)]);
        while (gaps.Count > 0)
        {
            var (lo, hi) = gaps.Dequeue();
            if (hi - lo < 2) continue;
            var middle = (lo + hi) / 2;
            yield return middle;
            gaps.Enqueue((lo, middle));
            gaps.Enqueue((middle, hi));
        }
    }
}
