using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Cli.Cluster;

/// <summary>
/// An experiment of the same sweep that never finished (its `sweep run` was interrupted): running the sweep again
/// continues it from its runs' checkpoints instead of starting it over.
/// </summary>
internal static class UnfinishedExperiments
{
    /// <returns>The newest unfinished experiment of exactly this sweep, or null.</returns>
    public static async Task<ExperimentSnapshot?> FindAsync(IClusterClient client, SweepDefinition sweep)
    {
        var candidates = (await client.Catalog().List()).Where(e => e.Status == ExperimentStatus.Running && e.Name == sweep.Name);
        foreach (var entry in candidates)
        {
            var experiment = await client.Experiment(entry.ExperimentId);
            if (SameSweep(experiment.Sweep, sweep)) return experiment;
        }
        return null;
    }

    /// <summary>
    /// Starts its interrupted runs now rather than at the experiment's next reminder tick (up to a minute away); each
    /// resumes from its last checkpoint. Runs still training are left alone.
    /// </summary>
    public static Task ContinueAsync(IClusterClient client, ExperimentSnapshot experiment) =>
        Task.WhenAll(experiment.Active.Select(run => client.GetGrain<IRunGrain>(run).Start()));

    /// <summary>The same runs on the same data with the same resources and objective (the sweep's records hold arrays, compared here by value).</summary>
    static bool SameSweep(SweepDefinition a, SweepDefinition b) =>
        a.Name == b.Name && a.Data == b.Data && a.Resources == b.Resources && a.Objective == b.Objective &&
        SameVariants(SweepExpander.Expand(a), SweepExpander.Expand(b));

    static bool SameVariants(IReadOnlyList<SweepVariant> a, IReadOnlyList<SweepVariant> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Index == p.Second.Index &&
            p.First.Parameters.SequenceEqual(p.Second.Parameters) && p.First.Config.SequenceEqual(p.Second.Config));
}
