using System.Collections.Immutable;
using OrleansGan.Leaderboards;
using OrleansGan.Runs;

namespace OrleansGan.Orleans.Tests;

/// <summary>The leaderboard grain on an in-process cluster with SQLite state: bounded, one entry per run, best first.</summary>
public class LeaderboardTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    static readonly LeaderboardId Board = new("synthetic-10-1", "swd");
    const int Capacity = ILeaderboardGrain.Capacity;

    [Fact]
    public async Task It_keeps_the_best_runs_up_to_its_capacity_and_a_run_that_improves_comes_back()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 1);
        var board = cluster.Client.GetGrain<ILeaderboardGrain>(Board.Key);

        // Each run better than the one before: the first 20 offered end up below the top and leave it.
        for (var i = 0; i < Capacity + 20; i++) await board.Offer(Entry($"run-{i:D4}", score: Capacity + 20 - i));
        var top = await Until(board, t => t.Count == Capacity && t[^1].RunId == "run-0020", "the best runs, up to capacity");
        Assert.Equal(Enumerable.Range(20, Capacity).Reverse().Select(i => $"run-{i:D4}"), top.Select(e => e.RunId));

        await board.Offer(Entry("worse-than-all", score: 1e6));
        await board.Offer(Entry("run-0519", score: 1e5));
        await board.Offer(Entry("not-a-number", score: double.NaN));
        await board.Offer(Entry("run-0000", score: 0.5));
        top = await Until(board, t => t[0].RunId == "run-0000", "run-0000 back on top after improving");

        Assert.Equal(Capacity, top.Count);
        Assert.Equal(["run-0000", "run-0519", "run-0518"], top.Take(3).Select(e => e.RunId));
        Assert.Equal(1.0, top[1].Score);
        Assert.Equal("run-0021", top[^1].RunId);
        Assert.DoesNotContain(top, e => e.RunId is "worse-than-all" or "not-a-number");
        Assert.Equal(3, (await board.Top(3)).Count);
        Assert.Equal([Board], await cluster.Client.GetGrain<ILeaderboardCatalogGrain>(0).List());
    }

    static LeaderboardEntry Entry(string runId, double score) =>
        new(runId, "exp", [KeyValuePair.Create("lr_g", 0.0002)], score, new CheckpointRecord(
            10, 1, $"experiments/exp/{runId}/checkpoints/step-10/checkpoint.bin", new string('0', 64), 0.5, 0.5,
            $"experiments/exp/{runId}/samples/e001.png", DateTimeOffset.UtcNow)
        {
            Scores = ImmutableDictionary<string, double>.Empty.Add("swd", score),
        });

    /// <summary>Offers are one-way calls: waits until the board shows what they should have made of it.</summary>
    static async Task<IReadOnlyList<LeaderboardEntry>> Until(ILeaderboardGrain board, Func<IReadOnlyList<LeaderboardEntry>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var top = await board.Top(Capacity + 10);
            if (condition(top)) return top;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {Limit}: {what}");
            await Task.Delay(100);
        }
    }
}
