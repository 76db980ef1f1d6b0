using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Commands;
using OrleansGan.Cli.Report;
using OrleansGan.Experiments;

namespace OrleansGan.Cli.Output;

/// <summary>What `watch` and `sweep run` print when the experiment has finished.</summary>
internal static class ExperimentOutcome
{
    /// <summary>An experiment of up to this many runs ends with every run side by side; a larger one with its summary.</summary>
    public const int ComparedRuns = 20;

    /// <param name="report">The experiment's report page, when one was written.</param>
    public static async Task PrintAsync(ClusterSession session, ExperimentSnapshot experiment, bool json, ReportFile? report = null)
    {
        var comparison = experiment.Entry.Runs <= ComparedRuns
            ? RunComparison.Of(await session.Client.Runs(experiment), session.ArtifactRoot)
            : null;
        if (json)
        {
            JsonOutput.Print(new ExperimentOutcomeJson(experiment.Entry, experiment.Counts, experiment.Top, comparison?.Rows, report?.Path), JsonOutput.Documents.ExperimentOutcomeJson);
            return;
        }
        if (comparison is not null) comparison.Render();
        else ExperimentSummary.Render(experiment, experiment.Top);
        if (report is not null) ReportCommand.Print(report, json: false);
    }
}
