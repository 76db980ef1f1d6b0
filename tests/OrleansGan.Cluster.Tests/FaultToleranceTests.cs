using System.Diagnostics;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests;

/// <summary>One small run on a real 3-process cluster over Redis (a control silo, two CPU workers), and what happens when workers go.</summary>
public class FaultToleranceTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    /// <summary>Small CPU runs with a checkpoint every epoch; <paramref name="runs"/> of them, differing only in seed.</summary>
    internal static string Sweep(int epochs, int stepsPerEpoch, int runs = 1, int maxConcurrent = 1, int maxFailures = 3) => $"""
        name: failover
        data:
          synthetic: {"{"} images: 256, seed: 7 {"}"}
        train:
          epochs: {epochs}
          steps_per_epoch: {stepsPerEpoch}
          batch_size: 8
          summary_every_epochs: 1
          eval_samples: 16
          grid: 2
        search:
          strategy: grid
          parameters:
            seed: [{string.Join(", ", Enumerable.Range(1, runs))}]
        resources:
          max_concurrent: {maxConcurrent}
          max_failures: {maxFailures}
        """;

    [Fact]
    public async Task A_killed_worker_s_run_resumes_on_the_other_worker_from_its_last_checkpoint()
    {
        const int Epochs = 4, StepsPerEpoch = 10, Steps = Epochs * StepsPerEpoch;
        await using var cluster = new LoopbackCluster();
        await cluster.StartSilosAsync();
        var runId = RunIds.For(await cluster.SubmitAsync(Sweep(Epochs, StepsPerEpoch)), 0);

        var before = await cluster.WaitForRunAsync(runId, r => r.Checkpoints.Count > 0 && r.Step > StepsPerEpoch + 2, Limit, "past its first checkpoint");
        var victim = cluster.SiloTraining(before).Name;
        var killedAt = Stopwatch.StartNew();
        cluster.Silo(victim).Process.Kill();

        var moved = await cluster.WaitForRunAsync(runId, r => r.Attempts == 2 && r.Status == RunStatus.Running, Limit, "running again");
        var noticedAfter = killedAt.Elapsed;
        output.WriteLine($"killed {victim} at step {before.Step}; attempt 2 running on {moved.Worker} after {noticedAfter.TotalSeconds:F1} s");
        // Loose, for a loaded machine; README quotes measured figures.
        Assert.True(noticedAfter < TimeSpan.FromSeconds(120), $"the dead worker was noticed only after {noticedAfter}");
        Assert.False(moved.Worker!.StartsWith(victim));

        var done = await cluster.WaitForRunAsync(runId, r => r.Status.IsFinished(), Limit, "finished");
        Assert.Equal((RunStatus.Completed, 2, Steps), (done.Status, done.Attempts, (int)done.Step));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), done.History.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(1, Epochs).Select(e => (long)e * StepsPerEpoch), done.Checkpoints.Select(c => c.Step));
        Assert.Equal(1, done.Failures);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), JournalSteps(cluster, done));
    }

    [Fact]
    public async Task SIGTERM_checkpoints_without_loss_and_a_whole_cluster_restart_carries_on()
    {
        const int Epochs = 2, StepsPerEpoch = 40, Steps = Epochs * StepsPerEpoch;
        await using var cluster = new LoopbackCluster();
        await cluster.StartSilosAsync();
        var experimentId = await cluster.SubmitAsync(Sweep(Epochs, StepsPerEpoch));
        var runId = RunIds.For(experimentId, 0);

        // Stop the worker between two periodic checkpoints, so only the SIGTERM checkpoint can hold the steps since.
        var before = await cluster.WaitForRunAsync(runId, r => r.Step >= 3, Limit, "training");
        Assert.InRange(before.Step, 3, StepsPerEpoch - 5);
        var victim = cluster.SiloTraining(before).Name;
        Assert.Equal(0, await cluster.Silo(victim).Process.TerminateAsync(TimeSpan.FromSeconds(90)));

        var resumed = await cluster.WaitForRunAsync(runId, r => r.Attempts == 2 && r.Status == RunStatus.Running, Limit, "resumed");
        var preemption = Assert.Single(resumed.Checkpoints, c => c.Step % StepsPerEpoch != 0);
        output.WriteLine($"SIGTERM to {victim} at step >= {before.Step}: checkpoint at step {preemption.Step}; resumed on {resumed.Worker}");
        Assert.True(preemption.Step >= before.Step);
        Assert.Equal(0, resumed.Failures);

        await cluster.WaitForRunAsync(runId, r => r.Step > preemption.Step + 3, Limit, "training again");
        await cluster.TerminateAllAsync();
        await cluster.StartSilosAsync();

        var done = await cluster.WaitForRunAsync(runId, r => r.Status.IsFinished(), Limit, "finished after the restart");
        Assert.Equal((RunStatus.Completed, 0, Steps), (done.Status, done.Failures, (int)done.Step));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), done.History.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), JournalSteps(cluster, done));
        // The run tells its experiment of its end after its own write, in a call of its own: a moment later.
        var experiment = await cluster.WaitForExperimentAsync(experimentId, e => e.IsFinished, Limit, "finished");
        Assert.Equal(ExperimentStatus.Completed, experiment.Entry.Status);
    }

    static IEnumerable<long> JournalSteps(LoopbackCluster cluster, RunSnapshot run) =>
        new MetricsJournal(new RunDirectory(ArtifactPaths.Resolve(cluster.DataDirectory, run.Spec.ArtifactDirectory)).MetricsPath)
            .Read().Where(l => l.Step is not null).Select(l => l.Step!.Step).ToList();
}
