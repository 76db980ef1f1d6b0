using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Cli.Cluster;

/// <summary>The reads the CLI makes of the grains.</summary>
internal static class ClusterQueries
{
    public static IExperimentCatalogGrain Catalog(this IClusterClient client) => client.GetGrain<IExperimentCatalogGrain>(0);

    public static Task<ExperimentSnapshot> Experiment(this IClusterClient client, string id) =>
        client.GetGrain<IExperimentGrain>(id).GetSnapshot();

    /// <summary>
    /// The experiment counts a run as started just before it makes the run's grain: a run read in between is unknown to
    /// its grain and started by its experiment, so the read is tried again for about this long.
    /// </summary>
    static readonly TimeSpan GrainBeingMade = TimeSpan.FromSeconds(3);

    /// <summary>A run's grain has it once the run started; before that, its experiment describes it.</summary>
    public static async Task<RunSnapshot> Run(this IClusterClient client, string id)
    {
        var deadline = DateTime.UtcNow + GrainBeingMade;
        while (true)
        {
            try
            {
                return await client.GetGrain<IRunGrain>(id).GetSnapshot();
            }
            catch (UnknownIdException) when (RunIds.Parse(id) is var (experimentId, index))
            {
                ExperimentSnapshot experiment;
                try { experiment = await client.Experiment(experimentId); }
                catch (UnknownIdException) { throw new UnknownIdException($"no run {id}"); }
                if (index >= experiment.Started && index < experiment.Entry.Runs) return ExperimentRuns.NotStarted(experiment, index);
                if (index >= experiment.Entry.Runs || DateTime.UtcNow > deadline) throw new UnknownIdException($"no run {id}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Runs first .. first + count - 1 of the experiment, in index order.</summary>
    public static async Task<IReadOnlyList<RunSnapshot>> Runs(this IClusterClient client, ExperimentSnapshot experiment, int first, int count)
    {
        var indexes = Enumerable.Range(first, Math.Clamp(experiment.Entry.Runs - first, 0, count));
        return await Task.WhenAll(indexes.Select(i => i < experiment.Started
            ? client.Run(RunIds.For(experiment.Entry.ExperimentId, i))
            : Task.FromResult(ExperimentRuns.NotStarted(experiment, i))));
    }

    /// <summary>Every run of the experiment: for a large one, prefer its summary or a page.</summary>
    public static Task<IReadOnlyList<RunSnapshot>> Runs(this IClusterClient client, ExperimentSnapshot experiment) =>
        client.Runs(experiment, 0, experiment.Entry.Runs);
}
