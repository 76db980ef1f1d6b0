using OrleansGan.Experiments;
using OrleansGan.Sweeps;

namespace OrleansGan.Cli.Output;

/// <summary>An experiment however many runs it has: its entry, sweep, counts per status and best runs.</summary>
internal sealed record ExperimentSummaryJson(
    ExperimentEntry Experiment, SweepDefinition Sweep, RunCounts Counts, string Objective, IReadOnlyList<ExperimentSummaryJson.BestRun> Top)
{
    internal sealed record BestRun(string Run, int Index, double Score, long Step, IReadOnlyDictionary<string, double> Hyperparameters);
}
