using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// ASHA and the median rule deciding in the experiment grain on scores a <see cref="ScriptedEpochsTrialRunner"/> reports,
/// one run at a time on one slot, so the order of reports is the runs' order. The expected decisions are worked out here
/// from the papers' rules, score by score.
/// </summary>
public sealed class SchedulerTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // ASHA, grace 1, eta 3, max_epochs 9: rungs at epochs 1 and 3. A run reaching a rung continues if its score is among
    // the best floor(n/3) of the n recorded there (its own included); the first two arrivals continue; a tie with the cut
    // continues. Lower is better.
    static readonly EpochScript[] Asha =
    [
        // r0: rung 1 arrival 1 (n 1, keeps 0): continues; rung 3 arrival 1: continues; completes.
        new([50, 45, 40, 40, 40, 40, 40, 40, 40]),
        // r1: rung 1 {50, 30}: continues; rung 3 {40, 20}: continues; completes.
        new([30, 25, 20, 20, 20, 20, 20, 20, 20]),
        // r2: rung 1 {50, 30, 60}: keeps 1, cut 30, 60 stops. (Its epoch 3 score, 30, matters only once it is resumed.)
        new([60, 55, 30, 30, 30, 30, 30, 30, 30]),
        // r3: rung 1 {50, 30, 60, 30}: keeps 1, cut 30, the tie continues; rung 3 {40, 20, 25}: keeps 1, cut 20, 25 stops.
        new([30, 28, 25, 25, 25, 25, 25, 25, 25]),
        // r4: rung 1 {.., 10}: keeps 1, cut 10, continues; fails after epoch 2, and its retry trains again from the start,
        // reporting rung 1 again: the same decision, and still one arrival; rung 3 {40, 20, 25, 15}: cut 15, continues.
        new([10, 12, 15, 15, 15, 15, 15, 15, 15], FailAfterEpoch: 2),
        // r5: rung 1 {50, 30, 60, 30, 10, 30}: keeps 2, cut 30, the tie continues (had r4 counted twice: cut 10, a stop);
        // rung 3 {40, 20, 25, 15, 12}: keeps 1, cut 12, continues.
        new([30, 20, 12, 12, 12, 12, 12, 12, 12]),
        // r6, after the experiment grain was deactivated: rung 1 {50, 30, 60, 30, 10, 30, 45}: keeps 2, cut 30, 45 stops.
        // With its rungs forgotten it would be the first arrival, and continue.
        new([45, 40, 35, 35, 35, 35, 35, 35, 35]),
    ];

    // The median rule, grace 2, min_runs 2: from epoch 2, a run stops when its best score so far is worse than the median
    // of the completed runs' running averages at that epoch.
    static readonly EpochScript[] Median =
    [
        new([40, 30, 20, 10]), // running averages 40, 35, 30, 25; no completed run to compare with
        new([50, 40, 30, 20]), // running averages 50, 45, 40, 35; one completed run, below min_runs
        new([60, 50, 45, 40]), // epoch 2: median of {35, 45} is 40; best 50 is worse: stops
        new([45, 40, 30, 25]), // epoch 2: best 40 ties the median 40: continues; epoch 3: 30 vs median 35; epoch 4: 25 vs 30
    ];

    [Fact]
    public async Task Asha_stops_runs_at_their_rungs_frees_their_slots_remembers_its_rungs_across_reactivation_and_resumes_a_stopped_run()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1, runner: sp => Runner(sp, Asha));
        var runner = (ScriptedEpochsTrialRunner)cluster.Trials;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweep("asha", Asha, new AshaSpec { GraceEpochs = 1, ReductionFactor = 3, MaxEpochs = 9 }));
        runner.Hold(RunIds.For(id, 6));
        const string R2Stop = "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 30.0)";
        const string R3Stop = "ASHA rung 3 epochs: swd 25.0 not in top 1/3 of 3 (cut 20.0)";
        const string R6Stop = "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 7 (cut 30.0)";

        // Each stop must free the one slot, or the next run never starts.
        await WaitUntil(() => runner.Started.Contains(RunIds.For(id, 6)), "r006 started");
        var before = await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot();
        Assert.Equal(new RunCounts(0, 1, 4, 0, 0, 2), before.Counts);
        Assert.Equal([(RunIds.For(id, 2), SchedulerDecisionKind.Stop, R2Stop), (RunIds.For(id, 3), SchedulerDecisionKind.Stop, R3Stop)],
            before.Decisions.Select(d => (d.RunId, d.Kind, d.Reason)));
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var grains = await cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(grains, g => g.GrainType.EndsWith(".ExperimentGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
        // Watching from here, with its output redirected: the decisions kept so far, then r6's stop as it comes, each once.
        var watch = Cli.RunAsync(data.Path, cluster.Ids, "watch", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        runner.Release(RunIds.For(id, 6));

        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        // Kept in the scheduler's state across the deactivation, in the order decided.
        Assert.Equal(
        [
            (RunIds.For(id, 2), SchedulerDecisionKind.Stop, R2Stop),
            (RunIds.For(id, 3), SchedulerDecisionKind.Stop, R3Stop),
            (RunIds.For(id, 6), SchedulerDecisionKind.Stop, R6Stop),
        ], finished.Decisions.Select(d => (d.RunId, d.Kind, d.Reason)));
        var watched = await watch;
        Assert.True(watched.ExitCode == 0, watched.Out + watched.Error);
        foreach (var line in new[] { $"r002 stopped: {R2Stop}", $"r003 stopped: {R3Stop}", $"r006 stopped: {R6Stop}" })
            Assert.Single(watched.Error.Split('\n'), l => l.TrimEnd() == line);
        Assert.Equal(ExperimentStatus.Completed, finished.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 4, 0, 0, 3), finished.Counts);
        var runs = await cluster.Client.StartedRunsAsync(finished);
        Assert.Equal(
        [
            (RunStatus.Completed, null, 90L),
            (RunStatus.Completed, null, 90L),
            (RunStatus.Stopped, "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 30.0)", 10L),
            (RunStatus.Stopped, "ASHA rung 3 epochs: swd 25.0 not in top 1/3 of 3 (cut 20.0)", 30L),
            (RunStatus.Completed, null, 90L),
            (RunStatus.Completed, null, 90L),
            (RunStatus.Stopped, "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 7 (cut 30.0)", 10L),
        ], runs.Select(r => (r.Status, r.Status == RunStatus.Completed ? null : r.StatusReason, r.LatestCheckpoint?.Step)));
        Assert.Equal((2, 1), (runs[4].Attempts, runs[4].Failures));
        Assert.Equal([0, 1, 2, 3, 4, 4, 5, 6], runner.Started.Select(r => RunIds.Parse(r)!.Value.Index));

        var shown = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "show", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("completed 4, failed 0, cancelled 0, stopped 3", shown.Out);
        var compared = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "compare", "--experiment", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(compared.ExitCode == 0, compared.Error);
        Assert.Contains("r002 stopped: ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 30.0)", compared.Out);

        var notStopped = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "resume-run", RunIds.For(id, 0), "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.Equal(2, notStopped.ExitCode);
        Assert.Contains($"run {RunIds.For(id, 0)} is completed, not stopped", notStopped.Error);

        // Resumed by hand, r2 goes on from its rung 1 checkpoint; at rung 3 its 30 would be cut ({40, 20, 25, 15, 12, 30}:
        // keeps 2, cut 15), but the scheduler no longer stops a run a person resumed.
        var resumed = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "resume-run", RunIds.For(id, 2), "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
        Assert.Contains($"resumed {RunIds.For(id, 2)}", resumed.Out);
        var again = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        Assert.Equal(ExperimentStatus.Completed, again.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 5, 0, 0, 2), again.Counts);
        var run2 = await cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 2)).GetSnapshot();
        Assert.Equal((RunStatus.Completed, 90L), (run2.Status, run2.Step));
        Assert.Equal(Enumerable.Range(1, 9), run2.Checkpoints.Select(c => c.Epoch));
        Assert.Equal(10, run2.History.First(p => p.Step > 10).Step - 1); // it went on from step 10, not from the start
        var catalog = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).List();
        Assert.Equal((ExperimentStatus.Completed, again.Entry.FinishedAt), catalog.Where(e => e.ExperimentId == id).Select(e => (e.Status, e.FinishedAt)).Single());
    }

    [Fact]
    public async Task The_median_rule_stops_a_run_worse_than_the_completed_runs_median_and_lets_a_tie_continue()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1, runner: sp => Runner(sp, Median));
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweep("median", Median, new MedianStoppingSpec { GraceEpochs = 2, MinRuns = 2 }));

        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(ExperimentStatus.Completed, finished.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 3, 0, 0, 1), finished.Counts);
        var runs = await cluster.Client.StartedRunsAsync(finished);
        Assert.Equal(
        [
            (RunStatus.Completed, 40L),
            (RunStatus.Completed, 40L),
            (RunStatus.Stopped, 20L),
            (RunStatus.Completed, 40L),
        ], runs.Select(r => (r.Status, r.LatestCheckpoint!.Step)));
        Assert.Equal("median rule at epoch 2: best swd 50.0 worse than the median 40.0 of 2 completed runs' running averages", runs[2].StatusReason);
        var decision = Assert.Single(finished.Decisions);
        Assert.Equal((RunIds.For(id, 2), SchedulerDecisionKind.Stop, runs[2].StatusReason), (decision.RunId, decision.Kind, decision.Reason));
    }

    static ScriptedEpochsTrialRunner Runner(IServiceProvider services, EpochScript[] scripts) =>
        new(services.GetRequiredService<IGrainFactory>(), assignment => scripts[assignment.Spec.Index]);

    /// <summary>One run per script, one at a time, every epoch a summary.</summary>
    static SweepDefinition Sweep(string name, EpochScript[] scripts, SchedulerSpec scheduler) => Sweeps.SmallGrid(name, steps: ScriptedEpochsTrialRunner.StepsPerEpoch, maxConcurrent: 1) with
    {
        Train = [KeyValuePair.Create("epochs", (double)scripts[0].Scores.Length), KeyValuePair.Create("steps_per_epoch", (double)ScriptedEpochsTrialRunner.StepsPerEpoch),
                 KeyValuePair.Create("summary_every_epochs", 1.0), KeyValuePair.Create("batch_size", 16.0)],
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Grid,
            Parameters = [ParameterSpace.FromValues("lr_g", Enumerable.Range(1, scripts.Length).Select(i => i * 1e-4).ToArray())],
        },
        Resources = new SweepResources { MaxConcurrent = 1, GpusPerTrial = 0, MaxFailures = 2 },
        Scheduler = scheduler,
    };

    static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not {what} after {Limit}");
            await Task.Delay(100);
        }
    }
}
