using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests;

/// <summary>The CLI against a cluster's gateway, with the cluster's ids in the variables the README names.</summary>
public class ExperimentCliTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Show_summarises_a_10000_run_experiment_and_pages_through_its_runs()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2, score: index => 100 - index);
        cluster.Runner.HoldFrom = 3;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Large("large"));
        while (await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot() is not { Counts: { Completed: 3, Running: 2 } }) await Task.Delay(100);

        var summary = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "show", id, "--gateway", cluster.Gateway, "--connect-timeout", "120", "--json", "--top", "3");
        var page = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "show", id, "--gateway", cluster.Gateway, "--connect-timeout", "120", "--json", "--page", "2", "--page-size", "3");

        Assert.True(summary.ExitCode == 0, summary.Error);
        using var json = JsonDocument.Parse(summary.Out);
        var counts = json.RootElement.GetProperty("summary").GetProperty("counts");
        Assert.Equal((9995, 2, 3), (counts.GetProperty("pending").GetInt32(), counts.GetProperty("running").GetInt32(), counts.GetProperty("completed").GetInt32()));
        // Scores 100 - index: the five runs that checkpointed rank from the last started.
        Assert.Equal([RunIds.For(id, 4), RunIds.For(id, 3), RunIds.For(id, 2)],
            json.RootElement.GetProperty("summary").GetProperty("top").EnumerateArray().Select(r => r.GetProperty("run").GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("runs").ValueKind);

        Assert.True(page.ExitCode == 0, page.Error);
        using var pageJson = JsonDocument.Parse(page.Out);
        var rows = pageJson.RootElement.GetProperty("runs").EnumerateArray().ToList();
        // Page 2 holds runs 3 to 5, ranked as any comparison is: the lower score first, the unscored last.
        Assert.Equal([RunIds.For(id, 4), RunIds.For(id, 3), RunIds.For(id, 5)], rows.Select(r => r.GetProperty("run").GetString()));
        Assert.Equal(["running", "running", "pending"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(3334, pageJson.RootElement.GetProperty("pages").GetInt32());

        var pending = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "show", RunIds.For(id, 9999), "--gateway", cluster.Gateway, "--connect-timeout", "120", "--json");
        Assert.True(pending.ExitCode == 0, pending.Error);
        Assert.Contains("\"status\": \"pending\"", pending.Out);
        // Its total is reported by its trainer, which has not started: no "0/0".
        var pendingPlain = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "show", RunIds.For(id, 9999), "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(pendingPlain.ExitCode == 0, pendingPlain.Error);
        Assert.True(Regex.IsMatch(pendingPlain.Out, @"^\S+-r9999 \[pending\] .* step 0 \(waiting for"), pendingPlain.Out);
    }

    [Fact]
    public async Task Without_the_clusters_ids_the_cli_cannot_connect_and_says_so_in_one_line()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1);

        var result = await Cli.RunAsync(data.Path, "experiments", "list", "--gateway", cluster.Gateway);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --gateway {cluster.Gateway}: {cluster.Gateway} accepts connections but no Orleans gateway of cluster orleansgan answered", line);
    }

    [Fact]
    public async Task Watch_follows_pushed_changes_to_the_end_and_prints_each_run_that_ended()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2);
        cluster.Runner.HoldFrom = 1;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Large("watched") with
        {
            Search = new SearchSpace { Strategy = SearchStrategy.Random, Trials = 3, Seed = 5, Parameters = [ParameterSpace.FromValues("beta1", [0.5, 0.9])] },
        });
        while (await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot() is not { Counts: { Completed: 1, Running: 2 } }) await Task.Delay(100);

        using var watch = ChildProcess.Start(Cli.Path, data.Path, ["watch", id, "--gateway", cluster.Gateway, "--connect-timeout", "120"], Cli.Environment(cluster.Ids));
        var deadline = DateTime.UtcNow + Limit;
        while (!watch.Error.Contains("running, 3 run(s)") && !watch.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        cluster.Runner.Release();
        await watch.WaitForExitAsync(Limit);

        Assert.True(watch.ExitCode == 0, watch.Out + watch.Error);
        Assert.Contains($"{RunIds.For(id, 1)} [completed]", watch.Error);
        Assert.Contains($"{RunIds.For(id, 2)} [completed]", watch.Error);
        Assert.Contains("completed, 3 run(s)", watch.Error);
        Assert.Contains("r002", watch.Out);
        // Not told the artifact root, the CLI prints grid paths as stored and says what they are relative to.
        const string StoredPaths = "the grid paths are relative to the cluster's data directory (see --data-dir)";
        Assert.Contains("r002 grid: grid.png", watch.Out);
        Assert.Contains(StoredPaths, watch.Out);
        var compared = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "compare", "--experiment", id, "--data-dir", data.Path,
            "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(compared.ExitCode == 0, compared.Error);
        Assert.Contains($"r002 grid: {Path.Combine(data.Path, "grid.png")}", compared.Out);
        Assert.DoesNotContain(StoredPaths, compared.Out);
    }

    static SweepDefinition Large(string name) => Sweeps.SmallGrid(name, steps: 2, maxConcurrent: 2) with
    {
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Random,
            Trials = SweepDefinition.MaxVariants,
            Seed = 5,
            Parameters = [ParameterSpace.LogUniform("lr_g", 0.0001, 0.001)],
        },
    };
}
