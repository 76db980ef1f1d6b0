using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// ASHA (its stops and promotions) and the median rule deciding in the experiment grain on scores a <see cref="ScriptedEpochsTrialRunner"/> reports,
/// one run at a time on one slot, so the order of reports is the runs' order. The expected decisions are worked out here
/// from the papers' rules, score by score.
/// </summary>
public sealed class SchedulerTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // ASHA, grace 1, eta 3, max_epochs 9: rungs at epochs 1 and 3. A run reaching a rung goes on if its score is among
    // the best floor(n/3) of the n recorded there (its own included), a tie with the cut included; otherwise it stops and
    // waits. When the slot frees, a waiting run that is now in its rung's top floor(n/3) is resumed before a new run
    // starts. Lower is better; only the scores at epochs 1 and 3 are judged.
    static readonly EpochScript[] Asha =
    [
        // r0: rung 1 {50}: keeps 0, waits.
        new([50, 45, 40, 40, 40, 40, 40, 40, 40]),
        // r1: rung 1 {50, 44}: keeps 0, waits.
        new([44, 30, 20, 20, 20, 20, 20, 20, 20]),
        // r2: rung 1 {50, 44, 60}: keeps 1, cut 44: stops, and r1 is promoted; r1's rung 3 {20}: waits.
        new([60, 55, 30, 30, 30, 30, 30, 30, 30]),
        // r3: rung 1 {.., 10}: keeps 1, cut 10, goes on; fails after epoch 2, and its retry trains again from the start,
        // reporting rung 1 again: the same decision, and still one arrival; rung 3 {20, 15}: keeps 0, waits.
        new([10, 12, 15, 15, 15, 15, 15, 15, 15], FailAfterEpoch: 2),
        // r4: rung 1 {50, 44, 60, 10, 42}: keeps 1, cut 10: stops.
        new([42, 20, 12, 12, 12, 12, 12, 12, 12]),
        // r5, after the experiment grain was deactivated: rung 1 {50, 44, 60, 10, 42, 55}: keeps 2, cut 42: stops, and r4
        // is promoted; r4's rung 3 {20, 15, 12}: keeps 1, cut 12, goes on and completes. With its rungs forgotten, r5
        // would be the first arrival, and nothing would be promoted.
        new([55, 50, 45, 45, 45, 45, 45, 45, 45]),
        // r6: rung 1 {.., 42}: keeps 2, cut 42, the tie goes on; rung 3 {20, 15, 12, 30}: keeps 1, cut 12: stops.
        new([42, 35, 30, 30, 30, 30, 30, 30, 30]),
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
    public async Task Asha_stops_runs_at_their_rungs_promotes_them_when_they_enter_the_top_remembers_its_rungs_across_reactivation_and_resumes_a_stopped_run()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1, runner: sp => Runner(sp, Asha));
        var runner = (ScriptedEpochsTrialRunner)cluster.Trials;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweep("asha", Asha, new AshaSpec { GraceEpochs = 1, ReductionFactor = 3, MaxEpochs = 9 }));
        runner.Hold(RunIds.For(id, 5));
        const string Waits = "fewer than 3 recorded: waits to be promoted";
        (string, SchedulerDecisionKind, string)[] decidedFirst =
        [
            (RunIds.For(id, 0), SchedulerDecisionKind.Stop, $"ASHA rung 1 epochs: swd 50.0 is arrival 1, {Waits}"),
            (RunIds.For(id, 1), SchedulerDecisionKind.Stop, $"ASHA rung 1 epochs: swd 44.0 is arrival 2, {Waits}"),
            (RunIds.For(id, 2), SchedulerDecisionKind.Stop, "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 44.0)"),
            (RunIds.For(id, 1), SchedulerDecisionKind.Promote, "ASHA rung 1 epochs: swd 44.0 now in top 1/3 of 3 (cut 44.0): promoted"),
            (RunIds.For(id, 1), SchedulerDecisionKind.Stop, $"ASHA rung 3 epochs: swd 20.0 is arrival 1, {Waits}"),
            (RunIds.For(id, 3), SchedulerDecisionKind.Stop, $"ASHA rung 3 epochs: swd 15.0 is arrival 2, {Waits}"),
            (RunIds.For(id, 4), SchedulerDecisionKind.Stop, "ASHA rung 1 epochs: swd 42.0 not in top 1/3 of 5 (cut 10.0)"),
        ];
        (string, SchedulerDecisionKind, string)[] decidedAfter =
        [
            (RunIds.For(id, 5), SchedulerDecisionKind.Stop, "ASHA rung 1 epochs: swd 55.0 not in top 1/3 of 6 (cut 42.0)"),
            (RunIds.For(id, 4), SchedulerDecisionKind.Promote, "ASHA rung 1 epochs: swd 42.0 now in top 1/3 of 6 (cut 42.0): promoted"),
            (RunIds.For(id, 6), SchedulerDecisionKind.Stop, "ASHA rung 3 epochs: swd 30.0 not in top 1/3 of 4 (cut 12.0)"),
        ];

        // Each stop must free the one slot, or the next run never starts.
        await WaitUntil(() => runner.Started.Contains(RunIds.For(id, 5)), "r005 started");
        var before = await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot();
        Assert.Equal(new RunCounts(1, 1, 0, 0, 0, 5), before.Counts);
        Assert.Equal(decidedFirst, before.Decisions.Select(d => (d.RunId, d.Kind, d.Reason)));
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var grains = await cluster.Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(grains, g => g.GrainType.EndsWith(".ExperimentGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
        // Watching from here, with its output redirected: the decisions kept so far, then the later ones as they come, each once.
        var watch = Cli.RunAsync(data.Path, cluster.Ids, "watch", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        runner.Release(RunIds.For(id, 5));

        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        // Kept in the scheduler's state across the deactivation, in the order decided.
        Assert.Equal(decidedFirst.Concat(decidedAfter), finished.Decisions.Select(d => (d.RunId, d.Kind, d.Reason)));
        var watched = await watch;
        Assert.True(watched.ExitCode == 0, watched.Out + watched.Error);
        foreach (var line in new[]
                 {
                     "r002 stopped: ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 44.0)",
                     "r005 stopped: ASHA rung 1 epochs: swd 55.0 not in top 1/3 of 6 (cut 42.0)",
                     "r004 resumed: ASHA rung 1 epochs: swd 42.0 now in top 1/3 of 6 (cut 42.0): promoted",
                     "r006 stopped: ASHA rung 3 epochs: swd 30.0 not in top 1/3 of 4 (cut 12.0)",
                 })
            Assert.Single(watched.Error.Split('\n'), l => l.TrimEnd() == line);
        Assert.Equal(ExperimentStatus.Completed, finished.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 1, 0, 0, 6), finished.Counts);
        var runs = await cluster.Client.StartedRunsAsync(finished);
        Assert.Equal(
        [
            (RunStatus.Stopped, $"ASHA rung 1 epochs: swd 50.0 is arrival 1, {Waits}", 10L),
            (RunStatus.Stopped, $"ASHA rung 3 epochs: swd 20.0 is arrival 1, {Waits}", 30L),
            (RunStatus.Stopped, "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 44.0)", 10L),
            (RunStatus.Stopped, $"ASHA rung 3 epochs: swd 15.0 is arrival 2, {Waits}", 30L),
            (RunStatus.Completed, null, 90L),
            (RunStatus.Stopped, "ASHA rung 1 epochs: swd 55.0 not in top 1/3 of 6 (cut 42.0)", 10L),
            (RunStatus.Stopped, "ASHA rung 3 epochs: swd 30.0 not in top 1/3 of 4 (cut 12.0)", 30L),
        ], runs.Select(r => (r.Status, r.Status == RunStatus.Completed ? null : r.StatusReason, r.LatestCheckpoint?.Step)));
        Assert.Equal((2, 1), (runs[3].Attempts, runs[3].Failures));
        // Promoted runs go on from their rung's checkpoint, not from the start.
        Assert.Equal([0L, 10L], ResumedFrom(runner, RunIds.For(id, 1)));
        Assert.Equal([0L, 10L], ResumedFrom(runner, RunIds.For(id, 4)));
        Assert.Equal([0, 1, 2, 1, 3, 3, 4, 5, 4, 6], runner.Started.Select(r => RunIds.Parse(r)!.Value.Index));

        var shown = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "show", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("completed 1, failed 0, cancelled 0, stopped 6", shown.Out);
        var compared = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "compare", "--experiment", id, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(compared.ExitCode == 0, compared.Error);
        Assert.Contains("r002 stopped: ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 3 (cut 44.0)", compared.Out);

        var notStopped = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "resume-run", RunIds.For(id, 4), "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.Equal(2, notStopped.ExitCode);
        Assert.Contains($"run {RunIds.For(id, 4)} is completed, not stopped", notStopped.Error);

        // Resumed by hand, r2 goes on from its rung 1 checkpoint; at rung 3 its 30 would be cut ({20, 15, 12, 30, 30}:
        // keeps 1, cut 12), but the scheduler no longer stops a run a person resumed.
        var resumed = await Cli.RunAsync(data.Path, cluster.Ids, "experiments", "resume-run", RunIds.For(id, 2), "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Error);
        Assert.Contains($"resumed {RunIds.For(id, 2)}", resumed.Out);
        var again = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        Assert.Equal(ExperimentStatus.Completed, again.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 2, 0, 0, 5), again.Counts);
        var run2 = await cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 2)).GetSnapshot();
        Assert.Equal((RunStatus.Completed, 90L), (run2.Status, run2.Step));
        Assert.Equal(Enumerable.Range(1, 9), run2.Checkpoints.Select(c => c.Epoch));
        Assert.Equal([0L, 10L], ResumedFrom(runner, RunIds.For(id, 2))); // it went on from step 10, not from the start
        var listed = await cluster.Client.WaitUntilListedFinishedAsync(id, Limit);
        Assert.Equal((ExperimentStatus.Completed, again.Entry.FinishedAt), (listed.Status, listed.FinishedAt));
    }

    [Fact]
    public async Task A_promoted_run_starts_no_attempt_while_the_attempt_its_stop_cut_is_still_ending()
    {
        using var data = new TempDirectory();
        var firstAttemptEnds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Two slots, one run at a time. r0 waits at rung 1 (eta 2, the first arrival), but its first attempt takes its time
        // to end, as a real one does while it writes and scores a stop checkpoint; r1 comes in worse, so r0 is promoted
        // while that attempt still holds a slot and the other slot is free.
        EpochScript[] scripts = [new([20, 20, 20, 20]), new([30, 30, 30, 30])];
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2, runner: sp => new ScriptedEpochsTrialRunner(
            sp.GetRequiredService<IGrainFactory>(), assignment => scripts[assignment.Spec.Index],
            beforeEpoch: async (_, assignment, epoch) =>
            {
                if (assignment.Spec.Index == 0 && assignment.Attempt == 1 && epoch == 2) await firstAttemptEnds.Task;
            }));
        var runner = (ScriptedEpochsTrialRunner)cluster.Trials;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweep("promotion", scripts, new AshaSpec { GraceEpochs = 1, ReductionFactor = 2, MaxEpochs = 4 }));
        var r0 = cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 0));

        var experiment = cluster.Client.GetGrain<IExperimentGrain>(id);
        await WaitUntil(async () => (await experiment.GetSnapshot()).Decisions.Any(d => d.Kind == SchedulerDecisionKind.Promote), "r000 promoted");
        await WaitUntil(async () => (await r0.GetSnapshot()).Status != RunStatus.Stopped, "r000 resumed");
        var waiting = await r0.GetSnapshot();
        Assert.Equal((RunStatus.Pending, "waits for its last attempt to end (it writes a stop checkpoint)"), (waiting.Status, waiting.StatusReason));
        Assert.Equal([0, 1], runner.Started.Select(r => RunIds.Parse(r)!.Value.Index));

        firstAttemptEnds.SetResult();
        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        Assert.Equal([0, 1, 0], runner.Started.Select(r => RunIds.Parse(r)!.Value.Index));
        Assert.Equal([0L, 10L], ResumedFrom(runner, RunIds.For(id, 0)));
        var runs = await cluster.Client.StartedRunsAsync(finished);
        Assert.Equal(
        [
            (RunStatus.Stopped, "ASHA rung 2 epochs: swd 20.0 is arrival 1, fewer than 2 recorded: waits to be promoted", 20L),
            (RunStatus.Stopped, "ASHA rung 1 epochs: swd 30.0 not in top 1/2 of 2 (cut 20.0)", 10L),
        ], runs.Select(r => (r.Status, r.StatusReason, r.LatestCheckpoint?.Step)));
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

    /// <summary>The step each of the run's attempts was given to go on from.</summary>
    static IEnumerable<long> ResumedFrom(ScriptedEpochsTrialRunner runner, string runId) =>
        runner.Assignments.Where(a => a.RunId == runId).Select(a => a.ResumeFrom.Select(c => c.Step).DefaultIfEmpty().Max());

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

    static Task WaitUntil(Func<bool> condition, string what) => WaitUntil(() => Task.FromResult(condition()), what);

    static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not {what} after {Limit}");
            await Task.Delay(100);
        }
    }
}
