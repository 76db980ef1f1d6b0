using System.Diagnostics;
using OrleansGan.Runs;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests;

/// <summary>Workers with Worker__Isolation=process: each trial trains in a child process of the worker silo.</summary>
public class ProcessIsolationTests(ITestOutputHelper output)
{
    /// <summary>A bound for a hung cluster, not a speed goal: at load 40 on 2 cores the 40-step run took over 4 minutes.</summary>
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task A_crashed_trainer_process_fails_only_its_attempt_and_the_run_resumes()
    {
        const int Epochs = 4, StepsPerEpoch = 10, Steps = Epochs * StepsPerEpoch;
        await using var cluster = new LoopbackCluster(new Dictionary<string, string> { ["Worker__Isolation"] = "process" });
        await cluster.StartSilosAsync();
        var runId = RunIds.For(await cluster.SubmitAsync(FaultToleranceTests.Sweep(Epochs, StepsPerEpoch)), 0);

        var before = await cluster.WaitForRunAsync(runId, r => r.Checkpoints.Count > 0 && r.Step > StepsPerEpoch, Limit, "past its first checkpoint");
        var worker = cluster.SiloTraining(before);
        var trainer = Assert.Single(ChildProcesses.Of(worker.Process.Id));
        using (var kill = Process.Start("kill", ["-KILL", trainer.ToString()])) await kill.WaitForExitAsync();

        var done = await cluster.WaitForRunAsync(runId, r => r.Status.IsFinished(), Limit, "finished");
        output.WriteLine($"killed trainer process {trainer} of {worker.Name} at step >= {before.Step}; finished on {done.Worker}");
        Assert.False(worker.Process.HasExited);
        Assert.Equal((RunStatus.Completed, 2, 1, Steps), (done.Status, done.Attempts, done.Failures, (int)done.Step));
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), done.History.Select(p => p.Step));
        Assert.Equal(Enumerable.Range(1, Epochs).Select(e => (long)e * StepsPerEpoch), done.Checkpoints.Select(c => c.Step));
        Assert.Empty(ChildProcesses.Of(worker.Process.Id));
    }
}
