using OrleansGan.Leaderboards;

namespace OrleansGan.Grains.Leaderboards;

public sealed class LeaderboardGrain(
    [PersistentState("leaderboard", StorageNames.Default)] IPersistentState<LeaderboardState> state) : Grain, ILeaderboardGrain
{
    List<LeaderboardEntry> Entries => state.State.Entries;

    public async Task Offer(LeaderboardEntry entry)
    {
        if (!double.IsFinite(entry.Score)) return;
        var previous = Entries.FindIndex(e => e.RunId == entry.RunId);
        if (previous >= 0)
        {
            // A run's best only improves; an equal or worse offer is a repeat (or arrived late).
            if (entry.Score >= Entries[previous].Score) return;
        }
        else if (Entries.Count >= ILeaderboardGrain.Capacity && LeaderboardOrder.Instance.Compare(entry, Entries[^1]) >= 0)
        {
            return;
        }

        if (!state.State.Listed)
        {
            await GrainFactory.GetGrain<ILeaderboardCatalogGrain>(0).Add(LeaderboardId.FromKey(this.GetPrimaryKeyString()));
            state.State.Listed = true;
        }
        if (previous >= 0) Entries.RemoveAt(previous);
        var at = Entries.BinarySearch(entry, LeaderboardOrder.Instance);
        Entries.Insert(at < 0 ? ~at : at, entry);
        // Runs below the top only leave it: their scores can only get better, and then they are offered again.
        if (Entries.Count > ILeaderboardGrain.Capacity) Entries.RemoveRange(ILeaderboardGrain.Capacity, Entries.Count - ILeaderboardGrain.Capacity);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<LeaderboardEntry>> Top(int limit) =>
        Task.FromResult<IReadOnlyList<LeaderboardEntry>>(Entries.Take(Math.Max(0, limit)).ToList());
}
