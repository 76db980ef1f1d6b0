using System.Globalization;

namespace OrleansGan.Scheduling;

/// <summary>How the schedulers compare and print objective scores: lower is better, and NaN (a diverged run) is worst.</summary>
internal static class Scores
{
    public static double Rank(double score) => double.IsNaN(score) ? double.PositiveInfinity : score;

    public static int Compare(double a, double b) => Rank(a).CompareTo(Rank(b));

    public static string Text(double score) =>
        Math.Abs(score) >= 1 || score == 0 || !double.IsFinite(score)
            ? score.ToString("0.0##", CultureInfo.InvariantCulture)
            : score.ToString("G3", CultureInfo.InvariantCulture);
}
