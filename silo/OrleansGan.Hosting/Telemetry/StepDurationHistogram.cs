using System.Globalization;

namespace OrleansGan.Hosting.Telemetry;

/// <summary>
/// A run's step durations as cumulative Prometheus buckets. Kept here rather than in an OpenTelemetry Histogram because
/// the SDK exports a synchronous instrument's series for as long as the process lives; these buckets are reported by
/// callbacks, and so vanish with the run.
/// </summary>
internal sealed class StepDurationHistogram
{
    /// <summary>Upper bounds in seconds: a GPU step takes milliseconds, a CPU step at batch 128 seconds.</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    readonly long[] _counts = new long[Bounds.Length + 1];
    double _sum;

    public void Record(double seconds)
    {
        var bucket = Array.FindIndex(Bounds, b => seconds <= b);
        lock (_counts)
        {
            _counts[bucket < 0 ? Bounds.Length : bucket]++;
            _sum += seconds;
        }
    }

    /// <returns>Per bucket its "le" label and the count of steps at or under it, ending with "+Inf"; the sum; the count.</returns>
    public (IReadOnlyList<(string Le, long Count)> Buckets, double Sum, long Count) Snapshot()
    {
        lock (_counts)
        {
            var buckets = new List<(string, long)>(_counts.Length);
            long cumulative = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                cumulative += _counts[i];
                buckets.Add((i < Bounds.Length ? Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf", cumulative));
            }
            return (buckets, _sum, cumulative);
        }
    }
}
