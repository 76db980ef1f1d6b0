using OrleansGan.Experiments;

namespace OrleansGan.Grains.Experiments;

/// <summary>A bounded list of runs by their best score, best first (lower is better; ties by run index).</summary>
public static class BestRuns
{
    /// <returns>Whether the list changed: the run entered it, or improved its score in it.</returns>
    public static bool Offer(List<ScoredRun> best, ScoredRun candidate, int capacity)
    {
        var existing = best.FindIndex(r => r.RunId == candidate.RunId);
        if (existing >= 0)
        {
            if (best[existing].Score <= candidate.Score) return false;
            best.RemoveAt(existing);
        }
        var position = best.FindIndex(r => r.Score > candidate.Score || (r.Score == candidate.Score && r.Index > candidate.Index));
        if (position < 0) position = best.Count;
        if (position >= capacity) return false;
        best.Insert(position, candidate);
        if (best.Count > capacity) best.RemoveAt(best.Count - 1);
        return true;
    }
}
