using OrleansGan.Leaderboards;

namespace OrleansGan.Grains.Leaderboards;

[GenerateSerializer, Alias("LeaderboardCatalogState")]
public sealed class LeaderboardCatalogState
{
    [Id(0)] public List<LeaderboardId> Boards { get; set; } = [];
}
