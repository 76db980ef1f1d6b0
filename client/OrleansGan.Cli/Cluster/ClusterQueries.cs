using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Cli.Cluster;

/// <summary>The reads the CLI makes of the grains.</summary>
internal static class ClusterQueries
{
    public static IExperimentCatalogGrain Catalog(this IClusterClient client) => client.GetGrain<IExperimentCatalogGrain>(0);

    public static Task<ExperimentSnapshot> Experiment(this IClusterClient client, string id) =>
        client.GetGrain<IExperimentGrain>(id).GetSnapshot();

    public static Task<RunSnapshot> Run(this IClusterClient client, string id) =>
        client.GetGrain<IRunGrain>(id).GetSnapshot();

    public static async Task<IReadOnlyList<RunSnapshot>> Runs(this IClusterClient client, ExperimentSnapshot experiment) =>
        await Task.WhenAll(experiment.Runs.Select(r => client.Run(r.RunId)));
}
