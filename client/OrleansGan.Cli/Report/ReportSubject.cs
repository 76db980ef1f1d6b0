using OrleansGan.Cli.Cluster;
using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Cli.Report;

/// <summary>What a report shows: one experiment's runs, or runs picked from several experiments, with the experiments they belong to.</summary>
internal sealed record ReportSubject(string Title, IReadOnlyList<ExperimentSnapshot> Experiments, IReadOnlyList<RunSnapshot> Runs)
{
    public bool SingleExperiment => Experiments.Count == 1;

    public static async Task<ReportSubject> OfExperimentAsync(IClusterClient client, string experimentId)
    {
        var experiment = await client.Experiment(experimentId);
        return new ReportSubject(experiment.Entry.Name, [experiment], await client.Runs(experiment));
    }

    public static async Task<ReportSubject> OfRunsAsync(IClusterClient client, IReadOnlyList<string> runIds)
    {
        var runs = await Task.WhenAll(runIds.Distinct().Select(client.Run));
        var experiments = await Task.WhenAll(runs.Select(r => r.Spec.ExperimentId).Distinct().Select(client.Experiment));
        var title = experiments.Length == 1 ? experiments[0].Entry.Name : $"{runs.Length} runs from {experiments.Length} experiments";
        return new ReportSubject(title, experiments, runs);
    }
}
