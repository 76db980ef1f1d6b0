using OrleansGan.Runs;

namespace OrleansGan.Grains.Runs;

/// <summary>
/// Keeps a run's in-grain history bounded: past the cap, every other point is dropped (first and last kept),
/// so the curve keeps its shape at half the resolution. The full history stays in the run's metrics.jsonl.
/// </summary>
public static class MetricHistory
{
    public const int Capacity = 512;

    public static void Append(List<MetricPoint> history, IEnumerable<MetricPoint> points)
    {
        history.AddRange(points);
        if (history.Count <= Capacity) return;
        var last = history[^1];
        var kept = history.Where((_, i) => i % 2 == 0).ToList();
        if (kept[^1] != last) kept.Add(last);
        history.Clear();
        history.AddRange(kept);
    }
}
