using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansGan.Bench.Step;

/// <summary>
/// One implementation's timed steps. bench/pytorch/seed_step.py prints the same fields and the same text,
/// so that bench/step.sh can set the two side by side.
/// </summary>
public sealed record StepReport(
    string Implementation,
    string Device,
    int BatchSize,
    int WarmupSteps,
    int Threads,
    string Timing,
    IReadOnlyList<double> StepMs,
    IReadOnlyList<float> FinalLosses,
    IReadOnlyDictionary<string, bool>? Tf32,
    IReadOnlyDictionary<string, string> Versions)
{
    public const string PerStepSync = "per step, between two device synchronisations";

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public int TimedSteps => StepMs.Count;
    public double MedianMs => Median(StepMs);
    public double MinMs => StepMs.Min();
    public double MeanMs => StepMs.Average();
    public double StepsPerSecond => 1000 / MeanMs;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        {Implementation} on {Device}, {Threads} thread(s): batch {BatchSize}, {WarmupSteps} warm-up + {TimedSteps} timed steps, {Timing}
          median {MedianMs:F2} ms, min {MinMs:F2} ms, {StepsPerSecond:F2} steps/s (mean {MeanMs:F2} ms)
          last step d1={FinalLosses[0]:F4} d2={FinalLosses[1]:F4} g={FinalLosses[2]:F4}
          TF32 allowed: {(Tf32 is null ? "libtorch's defaults (not read)" : string.Join(", ", Tf32.Select(s => $"{s.Key} {s.Value.ToString().ToLowerInvariant()}")))}
          {string.Join("; ", Versions.Select(v => $"{v.Key} {v.Value}"))}
        """);

    static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
