using Orleans.Concurrency;

namespace OrleansGan.Leaderboards;

/// <summary>Every leaderboard that has an entry (a single grain, key 0): the data sets and metrics runs are ranked on.</summary>
[Alias("ILeaderboardCatalogGrain")]
public interface ILeaderboardCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Add")] Task Add(LeaderboardId id);
    [Alias("List"), ReadOnly] Task<IReadOnlyList<LeaderboardId>> List();
}
