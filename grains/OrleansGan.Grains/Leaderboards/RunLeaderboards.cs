using OrleansGan.Leaderboards;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Leaderboards;

/// <summary>What a run grain tells the leaderboards of its data set when a checkpoint lands.</summary>
public static class RunLeaderboards
{
    /// <summary>
    /// Offers the run's best checkpoint by each metric the new checkpoint was scored on. The best is offered again at
    /// every checkpoint (the board ignores what it has), so an offer lost on the way is made good by the next one.
    /// </summary>
    public static Task OfferBest(IGrainFactory grains, string runId, RunSpec spec, IReadOnlyList<CheckpointRecord> checkpoints, CheckpointRecord landed)
    {
        var dataSet = DataSetIdentity.Of(spec.Data);
        return Task.WhenAll(
            from metric in landed.Scores.Keys
            let best = CheckpointScores.Best(checkpoints, metric)
            where best is not null
            select grains.GetGrain<ILeaderboardGrain>(new LeaderboardId(dataSet, metric).Key)
                .Offer(new LeaderboardEntry(runId, spec.ExperimentId, spec.Hyperparameters, best.Scores[metric], best)));
    }
}
