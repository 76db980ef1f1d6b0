using Orleans.Concurrency;

namespace OrleansGan.Leaderboards;

/// <summary>
/// The best-scored runs of one data set by one metric, across every experiment ever trained on it (key:
/// <see cref="LeaderboardId.Key"/>). Run grains offer their best checkpoint as it improves; the board keeps the top
/// <see cref="Capacity"/> runs, so it answers without activating a single run.
/// </summary>
[Alias("ILeaderboardGrain")]
public interface ILeaderboardGrain : IGrainWithStringKey
{
    public const int Capacity = 500;

    /// <summary>Takes the entry when it is the run's first or a better score than the run's entry, and it makes the top.</summary>
    [Alias("Offer"), OneWay] Task Offer(LeaderboardEntry entry);

    /// <summary>At most <paramref name="limit"/> entries, best first (lowest score; on a tie, the one written first).</summary>
    [Alias("Top"), ReadOnly] Task<IReadOnlyList<LeaderboardEntry>> Top(int limit);
}
