using OrleansGan.Experiments;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>One storage's numbers; times in milliseconds.</summary>
sealed record StorageReport(
    string Storage,
    int Runs,
    int MaxConcurrent,
    double SubmitMs,
    double FirstStepMs,
    double ShowMs,
    double CancelReturnMs,
    double CancelDoneMs,
    Percentiles NextStartMs,
    int RunsTrained,
    RunCounts Counts,
    string ExperimentStatus,
    int StartedRunsNotFinished,
    int RunGrainsMade,
    int TrainerErrors,
    IReadOnlyList<MethodReport> LongestCalls,
    long CallsOverLimit,
    int OrleansLongTurns,
    double OrleansLongestTurnMs,
    double GcPauseMs,
    long PeakWorkingSetMb,
    IReadOnlyDictionary<string, int> Warnings,
    IReadOnlyList<CliTimes>? Cli);

sealed record Percentiles(int Count, double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return new Percentiles(0, 0, 0, 0, 0);
        var sorted = values.Order().ToList();
        double At(double q) => Math.Round(sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)], 1);
        return new Percentiles(sorted.Count, At(0.5), At(0.9), At(0.99), Math.Round(sorted[^1], 1));
    }
}

/// <param name="Clis">Builds of the CLI to time (e.g. a plain build and a ReadyToRun publish), each <paramref name="CliRounds"/> times in turn.</param>
sealed record BenchSettings(int Runs, int MaxConcurrent, int Slots, TimeSpan Train, IReadOnlyList<string> Clis, int CliRounds);
