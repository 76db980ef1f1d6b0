namespace OrleansGan.Cli.Report;

/// <summary>
/// Per-step series as the charts draw them. Non-finite values are left out. A series of n values is cut into
/// buckets of ceil(n / <see cref="MaxPoints"/>) consecutive steps, and its raw line gets one point per bucket: the
/// mean of the bucket's values, at its last step. So every step is a point up to <see cref="MaxPoints"/> steps, and
/// a longer run has ceil(n / bucket) points. The smoothed line is an exponential moving average over every step
/// (span max(5, n / 40) steps, debiased at the start as TensorBoard does), read at the same points.
/// </summary>
internal static class StepSeries
{
    public const int MaxPoints = 400;

    public static int BucketSize(int steps) => Math.Max(1, (steps + MaxPoints - 1) / MaxPoints);

    public static int SmoothingSpan(int steps) => Math.Max(5, steps / 40);

    public static (IReadOnlyList<ChartPoint> Raw, IReadOnlyList<ChartPoint> Smoothed) Draw(IEnumerable<ChartPoint> values)
    {
        var points = values.Where(p => double.IsFinite(p.Y)).ToList();
        var bucket = BucketSize(points.Count);
        var alpha = 2.0 / (SmoothingSpan(points.Count) + 1);
        var raw = new List<ChartPoint>(points.Count / bucket + 1);
        var smoothed = new List<ChartPoint>(raw.Capacity);
        double average = 0, weight = 0, sum = 0;
        var inBucket = 0;
        for (var i = 0; i < points.Count; i++)
        {
            average = (1 - alpha) * average + alpha * points[i].Y;
            weight = (1 - alpha) * weight + alpha;
            sum += points[i].Y;
            if (++inBucket < bucket && i < points.Count - 1) continue;
            raw.Add(new ChartPoint(points[i].X, sum / inBucket));
            smoothed.Add(new ChartPoint(points[i].X, average / weight));
            sum = 0;
            inBucket = 0;
        }
        return (raw, smoothed);
    }
}
