using System.Text.Json;
using Orleans.Runtime;
using OrleansGan.Leaderboards;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// Ranking by score through the real CLI (`--local` over the database the cluster of <see cref="RankedExperiments"/> left):
/// within an experiment (runs compare, experiments show) and across experiments on one data set (runs top).
/// </summary>
public sealed class RankingTests(RankedExperiments ranked) : IClassFixture<RankedExperiments>
{
    [Fact]
    public async Task Runs_compare_ranks_by_best_score_with_ties_sharing_a_rank_and_unscored_runs_last()
    {
        var rows = (await Json("runs", "compare", "--experiment", ranked.ExperimentIds["alpha"])).RootElement.EnumerateArray().ToList();

        Assert.Equal(
            [(1, Run("alpha", 1), 12.0, 10L, 25.0), (2, Run("alpha", 0), 20.0, 20L, 20.0), (2, Run("alpha", 3), 20.0, 10L, 22.0)],
            rows.Take(3).Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("run").GetString(), r.GetProperty("best_score").GetDouble(),
                r.GetProperty("best_checkpoint_step").GetInt64(), r.GetProperty("latest_score").GetDouble())));
        var unscored = rows[3];
        Assert.Equal((Run("alpha", 2), JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null, 20L),
            (unscored.GetProperty("run").GetString(), unscored.GetProperty("rank").ValueKind, unscored.GetProperty("best_score").ValueKind,
             unscored.GetProperty("latest_score").ValueKind, unscored.GetProperty("best_checkpoint_step").GetInt64()));
        Assert.All(rows, r => Assert.Equal("swd", r.GetProperty("metric").GetString()));
        Assert.All(rows, r => Assert.Equal(0.8, r.GetProperty("g").GetDouble()));
    }

    [Fact]
    public async Task Runs_compare_across_experiments_and_experiments_show_rank_the_same_way()
    {
        var across = (await Json("runs", "compare", Run("alpha", 2), Run("alpha", 0), Run("beta", 0))).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("run").GetString()).ToList();
        Assert.Equal([Run("beta", 0), Run("alpha", 0), Run("alpha", 2)], across);

        var shown = (await Json("experiments", "show", ranked.ExperimentIds["alpha"])).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => (r.GetProperty("run").GetString(), r.GetProperty("rank") is { ValueKind: JsonValueKind.Number } rank ? rank.GetInt32() : 0)).ToList();
        Assert.Equal([(Run("alpha", 1), 1), (Run("alpha", 0), 2), (Run("alpha", 3), 2), (Run("alpha", 2), 0)], shown);
    }

    [Fact]
    public async Task The_table_lists_runs_best_first_with_their_rank_and_says_what_ranks()
    {
        var result = await Cli.RunAsync(ranked.WorkingDirectory, "runs", "compare", "--experiment", ranked.ExperimentIds["alpha"], "--local", "--data-dir", "data");

        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        // The table wraps its headers to the console's width; each row's rank and run stay on the row's first line.
        var lines = result.Out.Split('\n');
        int Line(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(Line("ranked by swd (lower is better)") > 0, result.Out);
        var rows = new[] { "│ 1 │ r001", "│ 2 │ r000", "│ 2 │ r003", "│ - │ r002" }.Select(Line).ToList();
        Assert.True(rows[0] > 0 && rows.SequenceEqual(rows.Order().Distinct()), result.Out);
    }

    [Fact]
    public async Task Runs_top_ranks_every_experiment_on_a_data_set_and_keeps_data_sets_apart()
    {
        var boards = (await Json("runs", "top")).RootElement.EnumerateArray().ToList();

        Assert.Equal([$"cifar10:{ranked.CifarDirectory}", "synthetic-200-7"], boards.Select(b => b.GetProperty("data_set").GetString()));
        Assert.All(boards, b => Assert.Equal("swd", b.GetProperty("metric").GetString()));
        Assert.All(boards, b => Assert.Equal(["data_set", "metric", "runs"], b.EnumerateObject().Select(p => p.Name)));
        Assert.Equal([(1, Run("gamma", 0), 5.0, 10L)], Rows(boards[0]));
        // beta's r000 improved from 15 to 8; alpha's r001 got worse after 12; three runs tie at 20, the first written first;
        // alpha's unscored r002 is not there, nor delta's FID.
        Assert.Equal(
            [(1, Run("beta", 0), 8.0, 20L), (2, Run("alpha", 1), 12.0, 10L), (3, Run("alpha", 0), 20.0, 20L), (3, Run("alpha", 3), 20.0, 10L), (3, Run("beta", 1), 20.0, 10L)],
            Rows(boards[1]));
        var tied = boards[1].GetProperty("runs").EnumerateArray().Skip(2).Select(r => r.GetProperty("written_at").GetDateTimeOffset()).ToList();
        Assert.Equal(tied.Order(), tied);
        var best = boards[1].GetProperty("runs")[0];
        Assert.Equal((ranked.ExperimentIds["beta"], 0.0001), (best.GetProperty("experiment").GetString(), best.GetProperty("hyperparameters").GetProperty("lr_g").GetDouble()));
        Assert.Equal(Path.Combine(ranked.DataDirectory, "experiments", ranked.ExperimentIds["beta"], Run("beta", 0), "checkpoints", "step-20", "checkpoint.bin"),
            best.GetProperty("checkpoint").GetString());
    }

    [Fact]
    public async Task Runs_top_takes_a_data_set_by_name_or_directory_a_metric_and_a_limit()
    {
        var limited = Assert.Single((await Json("runs", "top", "--data", "synthetic-200-7", "--limit", "3")).RootElement.EnumerateArray());
        Assert.Equal([(1, Run("beta", 0), 8.0, 20L), (2, Run("alpha", 1), 12.0, 10L), (3, Run("alpha", 0), 20.0, 20L)], Rows(limited));

        var cifar = Assert.Single((await Json("runs", "top", "--data", RankedExperiments.CifarFolder)).RootElement.EnumerateArray());
        Assert.Equal([(1, Run("gamma", 0), 5.0, 10L)], Rows(cifar));

        var fid = Assert.Single((await Json("runs", "top", "--metric", "fid")).RootElement.EnumerateArray());
        Assert.Equal(("synthetic-200-7", "fid"), (fid.GetProperty("data_set").GetString(), fid.GetProperty("metric").GetString()));
        Assert.Equal([(1, Run("delta", 0), 40.0, 10L)], Rows(fid));

        var unknown = Assert.Single((await Json("runs", "top", "--data", "synthetic-999-1")).RootElement.EnumerateArray());
        Assert.Empty(unknown.GetProperty("runs").EnumerateArray());
    }

    [Theory]
    [InlineData("--metric", "lpips")]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "501")]
    public async Task A_bad_runs_top_option_is_exit_code_2(string option, string value)
    {
        var result = await Cli.RunAsync(ranked.WorkingDirectory, "runs", "top", option, value, "--local", "--data-dir", "data");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(value, result.Error);
    }

    [Fact]
    public async Task A_leaderboard_answers_from_its_own_state_without_activating_a_run()
    {
        await using var cluster = await ranked.StartClusterAsync();

        var top = await cluster.Client.GetGrain<ILeaderboardGrain>(new LeaderboardId("synthetic-200-7", "swd").Key).Top(2);

        Assert.Equal([Run("beta", 0), Run("alpha", 1)], top.Select(e => e.RunId));
        var grains = await cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(grains, g => g.GrainType.Contains("RunGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
        Assert.Contains(grains, g => g.GrainType.Contains("LeaderboardGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
    }

    string Run(string experiment, int index) => ranked.RunId(experiment, index);

    static List<(int, string?, double, long)> Rows(JsonElement board) =>
        board.GetProperty("runs").EnumerateArray()
            .Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("run").GetString(), r.GetProperty("score").GetDouble(), r.GetProperty("step").GetInt64()))
            .ToList();

    async Task<JsonDocument> Json(params string[] args)
    {
        var result = await Cli.RunAsync(ranked.WorkingDirectory, [.. args, "--json", "--local", "--data-dir", "data"]);
        Assert.True(result.ExitCode == 0, $"orleansgan {string.Join(' ', args)}: exit {result.ExitCode}\n{result.Out}\n{result.Error}");
        return JsonDocument.Parse(result.Out);
    }
}
