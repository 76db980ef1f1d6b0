namespace OrleansGan.Cli.Output;

/// <summary>`experiments show --json`: the summary, and the page of runs side by side when one is shown.</summary>
internal sealed record ExperimentShowJson(ExperimentSummaryJson Summary, int? Page, int Pages, IReadOnlyList<RunComparisonRow>? Runs);
