using OrleansGan.Leaderboards;

namespace OrleansGan.Grains.Leaderboards;

[GenerateSerializer, Alias("LeaderboardState")]
public sealed class LeaderboardState
{
    /// <summary>At most <see cref="ILeaderboardGrain.Capacity"/> entries, one per run, in <see cref="LeaderboardOrder"/>.</summary>
    [Id(0)] public List<LeaderboardEntry> Entries { get; set; } = [];

    /// <summary>Whether the leaderboard catalog knows this board.</summary>
    [Id(1)] public bool Listed { get; set; }
}
