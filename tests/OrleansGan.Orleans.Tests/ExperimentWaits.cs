using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Orleans.Tests;

static class ExperimentWaits
{
    public static async Task<ExperimentSnapshot> WaitUntilFinishedAsync(this IClusterClient client, string experimentId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var snapshot = await client.GetGrain<IExperimentGrain>(experimentId).GetSnapshot();
            if (snapshot.IsFinished) return snapshot;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{experimentId} still {snapshot.Entry.Status} after {limit}: {snapshot.Counts}, in flight {string.Join(", ", snapshot.Active)}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The experiment's catalog entry once it holds the experiment's end: the experiment tells the catalog after it has
    /// ended, in a call of its own, so the catalog may lag it briefly.
    /// </summary>
    public static async Task<ExperimentEntry> WaitUntilListedFinishedAsync(this IClusterClient client, string experimentId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var entry = (await client.GetGrain<IExperimentCatalogGrain>(0).List()).Single(e => e.ExperimentId == experimentId);
            if (entry.FinishedAt is not null) return entry;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the catalog still lists {experimentId} {entry.Status} after {limit}");
            await Task.Delay(100);
        }
    }

    /// <summary>The runs the experiment has started (those with a run grain), in index order.</summary>
    public static async Task<RunSnapshot[]> StartedRunsAsync(this IClusterClient client, ExperimentSnapshot experiment) =>
        await Task.WhenAll(Enumerable.Range(0, experiment.Started)
            .Select(i => client.GetGrain<IRunGrain>(RunIds.For(experiment.Entry.ExperimentId, i)).GetSnapshot()));

    /// <summary>The run's step, 0 until the experiment has made its grain (it does so as the run starts).</summary>
    public static async Task<long> StepOrZeroAsync(this IRunGrain run)
    {
        try { return (await run.GetSnapshot()).Step; }
        catch (UnknownIdException) { return 0; }
    }
}
