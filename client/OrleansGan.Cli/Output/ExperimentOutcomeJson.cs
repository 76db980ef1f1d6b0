using OrleansGan.Experiments;

namespace OrleansGan.Cli.Output;

/// <summary>What `sweep run --json` and `watch --json` print when the experiment has finished.</summary>
/// <param name="Runs">Every run side by side; null for an experiment of more than <see cref="ExperimentOutcome.ComparedRuns"/> runs.</param>
/// <param name="Report">The report page's path, when one was written.</param>
internal sealed record ExperimentOutcomeJson(
    ExperimentEntry Experiment, RunCounts Counts, IReadOnlyList<ScoredRun> Top, IReadOnlyList<RunComparisonRow>? Runs, string? Report);
