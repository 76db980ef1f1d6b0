using OrleansGan.Leaderboards;

namespace OrleansGan.Grains.Leaderboards;

public sealed class LeaderboardCatalogGrain(
    [PersistentState("leaderboards", StorageNames.Default)] IPersistentState<LeaderboardCatalogState> state) : Grain, ILeaderboardCatalogGrain
{
    public async Task Add(LeaderboardId id)
    {
        if (state.State.Boards.Contains(id)) return;
        state.State.Boards.Add(id);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<LeaderboardId>> List() =>
        Task.FromResult<IReadOnlyList<LeaderboardId>>(state.State.Boards
            .OrderBy(b => b.DataSet, StringComparer.Ordinal).ThenBy(b => b.Metric, StringComparer.Ordinal).ToList());
}
