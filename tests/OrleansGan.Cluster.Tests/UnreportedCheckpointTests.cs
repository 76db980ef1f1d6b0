using OrleansGan.Runs;
using OrleansGan.Training.Trainer;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// The worst moment to die: a worker has written a checkpoint and has not yet told the run grain. The next attempt must
/// resume where the grain believes the run stands, and leave disk and grain in agreement.
/// </summary>
public class UnreportedCheckpointTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_worker_killed_between_writing_a_checkpoint_and_reporting_it_loses_nothing()
    {
        const int Epochs = 4, StepsPerEpoch = 10, Steps = Epochs * StepsPerEpoch;
        // Reports every 10 s: a checkpoint stays unreported for seconds, long enough to freeze the worker in between.
        await using var cluster = new LoopbackCluster(new Dictionary<string, string> { ["Worker__ReportInterval"] = "00:00:10" });
        await cluster.StartSilosAsync();
        var runId = RunIds.For(await cluster.SubmitAsync(FaultToleranceTests.Sweep(Epochs, StepsPerEpoch)), 0);

        var first = await cluster.WaitForRunAsync(runId, r => r.Checkpoints.Count > 0, Limit, "past its first reported checkpoint");
        var victim = cluster.SiloTraining(first);
        var directory = new RunDirectory(cluster.RunDirectory(first));
        var caught = 0L;
        for (var step = first.Checkpoints[^1].Step + StepsPerEpoch; step < Steps && caught == 0; step += StepsPerEpoch)
        {
            await WaitForFileAsync(directory.CheckpointPath(step) + ".sha256", Limit);
            Signals.Freeze(victim.Process.Id);
            if ((await cluster.Run(runId)).Checkpoints.Any(c => c.Step == step))
                Signals.Thaw(victim.Process.Id);
            else
                caught = step;
        }
        Assert.True(caught > 0, "every checkpoint was reported before the worker could be frozen");
        Signals.KillNow(victim.Process.Id);
        output.WriteLine($"killed {victim.Name} with checkpoint {caught} written and unreported");

        var done = await cluster.WaitForRunAsync(runId, r => r.Status.IsFinished(), Limit, "finished");
        output.WriteLine($"finished on {done.Worker} after {done.Attempts} attempts; checkpoints {string.Join(",", done.Checkpoints.Select(c => c.Step))}");
        Assert.Equal((2, 1), (done.Attempts, done.Failures));
        RunAudit.AssertWhole(cluster, done, Steps, Enumerable.Range(1, Epochs).Select(e => (long)e * StepsPerEpoch));
    }

    static async Task WaitForFileAsync(string path, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{path} not written within {limit}");
            await Task.Delay(5);
        }
    }
}
