using OrleansGan.Leaderboards;

namespace OrleansGan.Grains.Leaderboards;

/// <summary>Best first: the lower score; on a tie, the checkpoint written first; then the run id, so the order is total.</summary>
public sealed class LeaderboardOrder : IComparer<LeaderboardEntry>
{
    public static readonly LeaderboardOrder Instance = new();

    public int Compare(LeaderboardEntry? x, LeaderboardEntry? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        var byScore = x.Score.CompareTo(y.Score);
        if (byScore != 0) return byScore;
        var byTime = x.Checkpoint.WrittenAt.CompareTo(y.Checkpoint.WrittenAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.RunId, y.RunId);
    }
}
