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
    /// One run at a time, in index order, each judged at the one rung (epoch 1) against every score recorded before it. The
    /// cluster (Redis, control silo, workers) is stopped with SIGTERM and started again once two runs have been judged; the
    /// runs judged after it must be judged against those two as well, which the stop reasons show ("... of n").
    /// </summary>
    [Fact]
    public async Task ASHA_judges_runs_after_a_whole_cluster_restart_against_the_scores_recorded_before_it()
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
        for (var i = 0; i < Runs; i++)
        {
            var stops = Stops(scores, i, from: 0);
            Assert.Equal(stops ? RunStatus.Stopped : RunStatus.Completed, runs[i].Status);
            if (stops) Assert.Equal((i + 1).ToString(), RungSize().Match(runs[i].StatusReason!).Groups[1].Value);
        }
        // Its latest decisions are durable state too: the stops from before the restart and after, in the order decided
        // (one run at a time, so in index order).
        Assert.Equal(runs.Where(r => r.Status == RunStatus.Stopped).Select(r => (r.RunId, SchedulerDecisionKind.Stop, r.StatusReason)),
            experiment.Decisions.Select(d => (d.RunId, d.Kind, (string?)d.Reason)));
        // A scheduler that had lost its records would have judged the runs after the restart among those runs only.
        Assert.True(afterRestart.Any(i => Stops(scores, i, from: 0) != Stops(scores, i, from: firstAfter)),
            "no run after the restart was judged differently for the scores before it; the test proves nothing with these seeds");
    }

    /// <summary>
    /// ASHA's rule worked out here: run <paramref name="index"/> arrives after runs <paramref name="from"/> .. index - 1; of
    /// the n scores then recorded it continues if fewer than eta exist, or if it is within the best floor(n / eta).
    /// </summary>
    static bool Stops(IReadOnlyList<double> scores, int index, int from)
    {
        var recorded = scores.Skip(from).Take(index - from + 1).Order().ToList();
        if (recorded.Count < Eta) return false;
        var cut = recorded[recorded.Count / Eta - 1];
        return scores[index] > cut;
    }

    [GeneratedRegex(@"not in top 1/\d+ of (\d+)")]
    private static partial Regex RungSize();
}
