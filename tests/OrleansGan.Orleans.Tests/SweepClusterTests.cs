using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Training.Checkpoints;

namespace OrleansGan.Orleans.Tests;

public class SweepClusterTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_grid_variant_completes_and_max_concurrent_is_never_exceeded()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 4);

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("grid", steps: 4, maxConcurrent: 2));
        var experiment = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(ExperimentStatus.Completed, experiment.Entry.Status);
        Assert.Equal((4, 4, 4), (experiment.Entry.Runs, experiment.Started, experiment.Counts.Completed));
        foreach (var run in await cluster.Client.StartedRunsAsync(experiment))
        {
            Assert.Equal(RunStatus.Completed, run.Status);
            Assert.Equal(4, run.Step);
            Assert.Equal([1L, 2L, 3L, 4L], run.History.Select(p => p.Step));
            var checkpoint = Assert.Single(run.Checkpoints);
            var (header, body, sha) = CheckpointFile.Open(ArtifactPaths.Resolve(data.Path, checkpoint.Path));
            body.Dispose();
            Assert.Equal((4L, checkpoint.Sha256), (header.Step, sha));
            Assert.True(File.Exists(ArtifactPaths.Resolve(data.Path, checkpoint.GridPath)));
            Assert.True(checkpoint.Scores.TryGetValue("swd", out var swd) && double.IsFinite(swd) && swd > 0,
                $"the checkpoint's scores: {string.Join(", ", checkpoint.Scores)}");
        }
        Assert.Equal([[0.0002, 0.5], [0.0002, 0.9], [0.0004, 0.5], [0.0004, 0.9]],
            (await cluster.Client.StartedRunsAsync(experiment)).Select(r => r.Spec.Hyperparameters.Select(p => p.Value).ToArray()));
        Assert.Equal(2, cluster.Worker.PeakConcurrencyByExperiment[id]);
        Assert.Contains(id, (await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).List()).Select(e => e.ExperimentId));
    }

    [Fact]
    public async Task Cancelling_stops_running_runs_and_keeps_what_they_wrote()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 1);

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("cancel", steps: 100_000, maxConcurrent: 1));
        var first = RunIds.For(id, 0);
        while (await cluster.Client.GetGrain<IRunGrain>(first).StepOrZeroAsync() < 3) await Task.Delay(200);

        await cluster.Client.GetGrain<IExperimentGrain>(id).Cancel();
        var experiment = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(ExperimentStatus.Cancelled, experiment.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 0, 0, 4), experiment.Counts);
        Assert.All(await cluster.Client.StartedRunsAsync(experiment), r => Assert.Equal(RunStatus.Cancelled, r.Status));
        var deadline = DateTime.UtcNow + Limit;
        while (cluster.Worker.RunningGrants.Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Empty(cluster.Worker.RunningGrants);
        var runDirectory = ArtifactPaths.Resolve(data.Path, ArtifactPaths.RunDirectory(id, first));
        Assert.True(new FileInfo(Path.Combine(runDirectory, "metrics.jsonl")).Length > 0);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(runDirectory, "checkpoints"), "checkpoint.bin", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_restart_over_the_same_database_keeps_experiments_runs_and_metrics()
    {
        using var data = new TempDirectory();
        string id;
        RunSnapshot before;
        await using (var cluster = await TestCluster.StartAsync(data.Path, slots: 2))
        {
            id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("restart", steps: 3, maxConcurrent: 2));
            await cluster.Client.WaitUntilFinishedAsync(id, Limit);
            before = await cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 3)).GetSnapshot();
        }

        await using var restarted = await TestCluster.StartAsync(data.Path, slots: 2);
        var listed = Assert.Single(await restarted.Client.GetGrain<IExperimentCatalogGrain>(0).List());
        Assert.Equal((id, ExperimentStatus.Completed, 4), (listed.ExperimentId, listed.Status, listed.Runs));
        var after = await restarted.Client.GetGrain<IRunGrain>(RunIds.For(id, 3)).GetSnapshot();
        Assert.Equal(RunStatus.Completed, after.Status);
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.Checkpoints, after.Checkpoints);
        Assert.NotEmpty(after.Checkpoints[^1].Scores);
        Assert.Equal(3, after.History.Count);
    }
}
