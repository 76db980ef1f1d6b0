using System.Globalization;
using System.Text;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Bench.Scoring;

/// <summary>The measured times and what they mean per summary: scoring over the training between two summaries.</summary>
public sealed record ScoringReport(
    string Data, RunConfig Config, string Metric, int Samples, string Device, int Threads, long StepsPerSummary,
    double RealStatisticsSeconds, IReadOnlyList<double> StepSeconds, IReadOnlyList<double> ScoreSeconds)
{
    public double MedianStep => Median(StepSeconds);
    public double MedianScore => Median(ScoreSeconds);

    /// <summary>Scoring time over training time, per summary.</summary>
    public double Ratio => MedianScore / (MedianStep * StepsPerSummary);

    public string ToText()
    {
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);
        Line($"data: {Data}");
        Line(Invariant($"run: batch {Config.BatchSize}, a summary every {StepsPerSummary} steps; objective {Metric} on {Samples} images; {Device}, {Threads} thread(s)"));
        Line(Invariant($"real statistics (once per data set): {RealStatisticsSeconds:F2} s"));
        Line(Invariant($"train step: median {MedianStep:F3} s of {StepSeconds.Count} ({string.Join(" ", StepSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
        Line(Invariant($"score: median {MedianScore:F2} s of {ScoreSeconds.Count} ({string.Join(" ", ScoreSeconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
        Line(Invariant($"training per summary: {StepsPerSummary} x {MedianStep:F3} s = {MedianStep * StepsPerSummary:F1} s"));
        Line(Invariant($"scoring / training per summary: {Ratio:P1}"));
        return text.ToString();
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
