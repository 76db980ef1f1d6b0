using System.Text.RegularExpressions;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using Xunit.Abstractions;

namespace OrleansGan.Cluster.Tests;

/// <summary>ASHA's recorded rung scores live in the experiment's durable state, so a whole-cluster restart forgets none.</summary>
public partial class SchedulerRestartTests(ITestOutputHelper output)
{
    const int Runs = 6, StepsPerEpoch = 20, Eta = 2;
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    /// <summary>
    /// One slot, one rung (epoch 1) and max_epochs 2: each run arrives at the rung in index order, and a waiting run that
    /// enters the rung's top is promoted (trains on to epoch 2) before the next run starts. The cluster (Redis, control
    /// silo, workers) is stopped with SIGTERM and started again once two runs have been judged; the runs judged after it
    /// must be judged against those two as well, and a run of those two left waiting must still be promotable.
    /// </summary>
    [Fact]
    public async Task ASHA_judges_and_promotes_runs_after_a_whole_cluster_restart_with_the_scores_recorded_before_it()
    {
        await using var cluster = new LoopbackCluster();
        await cluster.StartSilosAsync();
        var experimentId = await cluster.SubmitAsync($"""
            name: asha-restart
            data:
              synthetic: {"{"} images: 256, seed: 7 {"}"}
            train:
              epochs: 2
              steps_per_epoch: {StepsPerEpoch}
              batch_size: 8
              summary_every_epochs: 1
              eval_samples: 16
              grid: 2
            search:
              strategy: grid
              parameters:
                seed: [{string.Join(", ", Enumerable.Range(1, Runs))}]
            objective:
              metric: swd
              samples: 64
            resources:
              max_concurrent: 1
            scheduler:
              asha: {"{"} grace_epochs: 1, reduction_factor: {Eta}, max_epochs: 2 {"}"}
            """);

        // r000 and r001 judged (r001 has ended), r002 started: restart now.
        await cluster.WaitForRunAsync(RunIds.For(experimentId, 2), r => r.Status == RunStatus.Running && r.Step >= 1, Limit, "training");
        var restartedAt = DateTimeOffset.UtcNow;
        await cluster.TerminateAllAsync();
        await cluster.StartSilosAsync();

        var experiment = await cluster.WaitForExperimentAsync(experimentId, e => e.IsFinished, Limit, "finished after the restart");
        Assert.Equal(ExperimentStatus.Completed, experiment.Entry.Status);
        var runs = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => cluster.Run(RunIds.For(experimentId, i))));
        var rungScores = runs.Select(r => Assert.Single(r.Checkpoints, c => c.AtSummaryEpoch && c.Epoch == 1)).ToList();
        var scores = rungScores.Select(c => c.Scores["swd"]).ToList();
        foreach (var (run, i) in runs.Select((r, i) => (r, i)))
            output.WriteLine($"r{i:D3} swd {scores[i]:F3} at rung 1 ({(rungScores[i].WrittenAt < restartedAt ? "before" : "after")} the restart): {run.Status}, {run.StatusReason}");

        var afterRestart = Enumerable.Range(0, Runs).Where(i => rungScores[i].WrittenAt >= restartedAt).ToList();
        var firstAfter = afterRestart.Min();
        Assert.True(firstAfter >= 2, "the restart came after two runs were judged");
        var expected = Asha(scores, forgetBefore: 0);
        Assert.Equal(expected.Completed, runs.Select(r => r.Status == RunStatus.Completed));
        // Its decisions are durable state too: those from before the restart and after, in the order decided.
        Assert.Equal(expected.Decisions, experiment.Decisions.Select(d => (RunIds.Parse(d.RunId)!.Value.Index, d.Kind)));
        foreach (var stop in experiment.Decisions.Where(d => d.Kind == SchedulerDecisionKind.Stop))
            Assert.Equal((RunIds.Parse(stop.RunId)!.Value.Index + 1).ToString(), RungSize().Match(stop.Reason).Groups[1].Value);
        // A scheduler that had lost its records would have decided otherwise after the restart.
        Assert.True(!Asha(scores, forgetBefore: firstAfter).Completed.SequenceEqual(expected.Completed),
            "the same runs complete with the records before the restart forgotten; the test proves nothing with these seeds");
    }

    /// <summary>
    /// Li et al.'s algorithm 2 worked out here for one slot and one rung: whenever the slot frees, the best waiting run
    /// within the best floor(n / eta) of the n scores at the rung is promoted (and completes); otherwise the next run arrives
    /// and goes on at once if it is within the best floor(n / eta), its own score included, or waits. Forgetting the
    /// records before run <paramref name="forgetBefore"/> is what a scheduler without durable state would do.
    /// </summary>
    static (bool[] Completed, List<(int, SchedulerDecisionKind)> Decisions) Asha(IReadOnlyList<double> scores, int forgetBefore)
    {
        var completed = new bool[scores.Count];
        var decisions = new List<(int, SchedulerDecisionKind)>();
        var recorded = new List<int>();
        var waiting = new List<int>();
        double? Cut() => recorded.Count / Eta is var kept and > 0 ? recorded.Select(i => scores[i]).Order().ElementAt(kept - 1) : null;
        for (var next = 0; ;)
        {
            if (next == forgetBefore) (recorded, waiting) = ([], []);
            if (Cut() is { } cut && waiting.Where(i => scores[i] <= cut).OrderBy(i => scores[i]).FirstOrDefault(-1) is var promoted and >= 0)
            {
                waiting.Remove(promoted);
                completed[promoted] = true;
                decisions.Add((promoted, SchedulerDecisionKind.Promote));
                continue;
            }
            if (next == scores.Count) return (completed, decisions);
            var run = next++;
            recorded.Add(run);
            if (Cut() is { } arrivalCut && scores[run] <= arrivalCut) completed[run] = true;
            else
            {
                waiting.Add(run);
                decisions.Add((run, SchedulerDecisionKind.Stop));
            }
        }
    }

    [GeneratedRegex(@"(?:of|arrival) (\d+)")]
    private static partial Regex RungSize();
}
