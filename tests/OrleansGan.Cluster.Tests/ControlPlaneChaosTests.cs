using System.Diagnostics;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Testing;
using OrleansGan.Workers;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests;

/// <summary>
/// Two control silos, as in Kubernetes, and CPU workers, each killed outright (kill -9) while runs train and replaced by a
/// new pod. Whatever dies, every run and the experiment complete, and grain and disk agree on every step and checkpoint.
/// </summary>
public class ControlPlaneChaosTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    /// <summary>A bound for a hung sweep, not a speed goal: at load 40 on 2 cores 4 of the 8 runs had finished after 10 minutes.</summary>
    static readonly TimeSpan SweepLimit = TimeSpan.FromMinutes(20);
    /// <summary>Loose on purpose (a loaded machine); the measured figures are printed, and the README quotes them.</summary>
    static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(120);
    const int Epochs = 4, StepsPerEpoch = 10, Steps = Epochs * StepsPerEpoch;

    static string Sweep(int runs, int maxConcurrent) => FaultToleranceTests.Sweep(Epochs, StepsPerEpoch, runs, maxConcurrent, maxFailures: 5);

    static IEnumerable<long> PeriodicCheckpoints => Enumerable.Range(1, Epochs).Select(e => (long)e * StepsPerEpoch);

    [Fact]
    public async Task Killing_the_control_silo_that_hosts_the_experiment_while_runs_train_loses_nothing()
    {
        await using var cluster = new LoopbackCluster(controlSilos: 2);
        await cluster.StartSilosAsync();
        var experimentId = await cluster.SubmitAsync(Sweep(runs: 3, maxConcurrent: 2));
        var runIds = Enumerable.Range(0, 3).Select(i => RunIds.For(experimentId, i)).ToList();
        await cluster.WaitForRunAsync(runIds[0], r => r.Status == RunStatus.Running && r.Checkpoints.Count > 0, Limit, "training past a checkpoint");

        var experiment = cluster.Client.GetGrain<IExperimentGrain>(experimentId);
        var victim = await ExperimentHostAsync(cluster, experiment);
        var runHosts = await Task.WhenAll(runIds.Select(id => cluster.SiloHostingAsync(cluster.Client.GetGrain<IRunGrain>(id))));
        output.WriteLine($"kill -9 {victim.Name}: hosts the experiment and {runHosts.Count(h => h == victim)} of {runIds.Count} run grains");
        Signals.KillNow(victim.Process.Id);
        await cluster.StartControlAsync("control-c");

        var done = await cluster.WaitForExperimentAsync(experimentId, e => e.Entry.FinishedAt is not null, SweepLimit, "finished");
        Assert.Equal(ExperimentStatus.Completed, done.Entry.Status);
        foreach (var runId in runIds)
        {
            var run = await cluster.Run(runId);
            output.WriteLine($"{runId}: {run.Attempts} attempt(s), {run.Failures} failure(s), checkpoints {string.Join(",", run.Checkpoints.Select(c => c.Step))}");
            RunAudit.AssertWhole(cluster, run, Steps, PeriodicCheckpoints);
        }
    }

    [Fact]
    public async Task Kills_of_workers_and_control_silos_in_turn_through_a_sweep_lose_nothing()
    {
        // Three workers for two runs at a time: a killed worker's run has a free slot to go to at once.
        await using var cluster = new LoopbackCluster(controlSilos: 2, workerSilos: 3);
        await cluster.StartSilosAsync();
        var experimentId = await cluster.SubmitAsync(Sweep(runs: 8, maxConcurrent: 2));
        var runIds = Enumerable.Range(0, 8).Select(i => RunIds.For(experimentId, i)).ToList();
        var experiment = cluster.Client.GetGrain<IExperimentGrain>(experimentId);
        var recoveries = new List<(double Running, double Training)>();

        for (var kill = 0; kill < 4; kill++)
        {
            var (runId, before) = await TrainingPastACheckpointAsync(cluster, runIds);
            if (kill % 2 == 0)
            {
                await WaitForAFreeWorkerAsync(cluster);
                var worker = cluster.SiloTraining(before);
                var killedAt = Stopwatch.StartNew();
                Signals.KillNow(worker.Process.Id);
                output.WriteLine($"kill -9 worker {worker.Name} training {runId} at step >= {before.Step}");
                await cluster.StartWorkerAsync($"worker-{kill + 3}");
                recoveries.Add(await RecoveryAsync(cluster, runId, before, killedAt));
            }
            else
            {
                var control = await ExperimentHostAsync(cluster, experiment);
                Signals.KillNow(control.Process.Id);
                output.WriteLine($"kill -9 control {control.Name} (hosts the experiment) while {runId} trains at step >= {before.Step}");
                await cluster.StartControlAsync($"control-{kill + 3}");
            }
        }

        var done = await cluster.WaitForExperimentAsync(experimentId, e => e.Entry.FinishedAt is not null, SweepLimit, "finished");
        Assert.Equal(ExperimentStatus.Completed, done.Entry.Status);
        foreach (var runId in runIds)
            RunAudit.AssertWhole(cluster, await cluster.Run(runId), Steps, PeriodicCheckpoints);
        output.WriteLine("after a worker's kill -9, its run was running again elsewhere after " +
            string.Join(", ", recoveries.Select(r => $"{r.Running:F1} s (training new steps after {r.Training:F1} s)")));
    }

    /// <summary>A run that trains, past a checkpoint, with a few steps to go before its next one and its end.</summary>
    static async Task<(string RunId, RunSnapshot Run)> TrainingPastACheckpointAsync(LoopbackCluster cluster, IReadOnlyList<string> runIds)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var runId in runIds)
            {
                RunSnapshot run;
                try { run = await cluster.Run(runId); }
                // Not started yet (runs are made as they start), or its silo was just killed.
                catch (Exception e) when (e is UnknownIdException or OrleansException or TimeoutException) { continue; }
                if (run is { Status: RunStatus.Running, Checkpoints.Count: > 0, Worker: not null } && run.Step < Steps - StepsPerEpoch)
                    return (runId, run);
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no run trained past a checkpoint within {Limit}");
    }

    /// <summary>
    /// The live control silo hosting the experiment. A kill of its silo leaves it without an activation until something
    /// calls it, so it is called first; the directory can still name the dead silo for a moment, hence the retries.
    /// </summary>
    static async Task<SiloProcess> ExperimentHostAsync(LoopbackCluster cluster, IExperimentGrain experiment)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await experiment.GetSnapshot();
                if (await cluster.SiloHostingAsync(experiment) is { Process.HasExited: false } host) return host;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the experiment had no activation within {Limit}");
    }

    static async Task WaitForAFreeWorkerAsync(LoopbackCluster cluster)
    {
        var ledger = cluster.Client.GetGrain<ISlotLedgerGrain>(0);
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await ledger.GetClusterStatus()).Silos.Any(s => s is { Capacity: not null, Status: "Active", FreeSlots: > 0 })) return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no worker had a free slot within {Limit}");
    }

    /// <summary>Seconds from the kill until the run's next attempt runs on another worker, and until it reports a new step.</summary>
    async Task<(double Running, double Training)> RecoveryAsync(LoopbackCluster cluster, string runId, RunSnapshot before, Stopwatch killedAt)
    {
        var resumed = await cluster.WaitForRunAsync(runId, r => r.Attempts > before.Attempts && r.Status is RunStatus.Running or RunStatus.Completed,
            Limit, "running again");
        var running = killedAt.Elapsed;
        var restored = resumed.Checkpoints.Count > 0 ? resumed.Checkpoints.Max(c => c.Step) : 0;
        await cluster.WaitForRunAsync(runId, r => r.Attempts > before.Attempts && r.Step > restored, Limit, "training new steps");
        var training = killedAt.Elapsed;
        output.WriteLine($"  {runId}: attempt {resumed.Attempts} on {resumed.Worker} after {running.TotalSeconds:F1} s, new steps after {training.TotalSeconds:F1} s");
        Assert.True(running < RecoveryBound, $"{runId} ran again only {running} after its worker's kill -9");
        return (running.TotalSeconds, training.TotalSeconds);
    }
}
