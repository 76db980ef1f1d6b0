using OrleansGan.Scheduling;

namespace OrleansGan.Sweeps.Tests.Scheduling;

/// <summary>
/// Median-rule decisions on scripted score tables, each worked out by hand from Golovin et al.: at epoch t (from
/// grace_epochs on) a run stops when its best score up to t is worse than the median, over completed runs, of each
/// one's mean score up to t; with fewer than min_runs such runs it continues.
/// </summary>
public class MedianStoppingRuleTests
{
    static void Expect(StoppingDecision decision, StoppingVerdict verdict, string reason) =>
        Assert.Equal((verdict, reason), (decision.Verdict, decision.Reason));

    static void Scores(MedianStoppingRule rule, string run, params (int Epoch, double Score)[] scores)
    {
        foreach (var (epoch, score) in scores) rule.Report(run, epoch, score);
    }

    [Fact]
    public void Stops_a_run_whose_best_is_worse_than_the_median_of_completed_running_averages()
    {
        var rule = MedianStoppingRule.Start(new MedianStoppingSpec { GraceEpochs = 2, MinRuns = 2 }, "swd");
        // Running averages by epoch: A 40, 35, 30, 25; B 60, 55, 50, 45; C 20 throughout.
        Scores(rule, "A", (1, 40), (2, 30), (3, 20), (4, 10));
        Scores(rule, "B", (1, 60), (2, 50), (3, 40), (4, 30));
        // F fails for good after two very good scores: never completed, so never part of the median.
        Scores(rule, "F", (1, 1), (2, 1));

        Expect(rule.Report("R", 1, 100), StoppingVerdict.Continue, "median rule at epoch 1: within grace_epochs 2");
        Expect(rule.Report("R", 2, 90), StoppingVerdict.Continue, "median rule at epoch 2: 0 completed runs to compare with, min_runs 2");
        rule.Completed("A");
        Expect(rule.Report("X", 2, 90), StoppingVerdict.Continue, "median rule at epoch 2: 1 completed runs to compare with, min_runs 2");
        rule.Completed("B");

        // R's best up to 3 is 45; the median of A 30 and B 50 is 40.
        Expect(rule.Report("R", 3, 45), StoppingVerdict.Stop,
            "median rule at epoch 3: best swd 45.0 worse than the median 40.0 of 2 completed runs' running averages");
        // S at 2: best 44 against the median of 35 and 55, 45.
        Expect(rule.Report("S", 2, 44), StoppingVerdict.Continue,
            "median rule at epoch 2: best swd 44.0 not worse than the median 45.0 of 2 completed runs' running averages");
        // S at 3: best 40 equals the median 40 of 30 and 50: not worse.
        Expect(rule.Report("S", 3, 40), StoppingVerdict.Continue,
            "median rule at epoch 3: best swd 40.0 not worse than the median 40.0 of 2 completed runs' running averages");

        Scores(rule, "C", (1, 20), (2, 20), (3, 20), (4, 20));
        rule.Completed("C");
        // S at 4 scores 60, but its best so far is 40; the median of A 25, B 45, C 20 is 25.
        var stopped = rule.Report("S", 4, 60);
        Expect(stopped, StoppingVerdict.Stop,
            "median rule at epoch 4: best swd 40.0 worse than the median 25.0 of 3 completed runs' running averages");

        // S fails after its epoch-4 summary and its retry reports epochs 3 and 4 again: the same decisions as before.
        Assert.Equal(StoppingVerdict.Continue, rule.Report("S", 3, 41).Verdict);
        Assert.Equal(stopped, rule.Report("S", 4, 50));
    }

    [Fact]
    public void A_completed_run_counts_only_from_its_first_reported_epoch()
    {
        var rule = MedianStoppingRule.Start(new MedianStoppingSpec { GraceEpochs = 2, MinRuns = 3 }, "swd");
        Scores(rule, "A", (2, 30), (4, 20));
        Scores(rule, "B", (2, 50), (4, 40));
        Scores(rule, "C", (2, 40), (4, 30));
        Scores(rule, "D", (4, 1)); // joined late: nothing reported by epoch 2
        foreach (var run in new[] { "A", "B", "C", "D" }) rule.Completed(run);

        // At 2: A 30, B 50, C 40, D none: median 40.
        Expect(rule.Report("T", 2, 41), StoppingVerdict.Stop,
            "median rule at epoch 2: best swd 41.0 worse than the median 40.0 of 3 completed runs' running averages");
        // At 4: A (30+20)/2 = 25, B 45, C 35, D 1: median (25 + 35) / 2 = 30.
        Expect(rule.Report("U", 4, 30), StoppingVerdict.Continue,
            "median rule at epoch 4: best swd 30.0 not worse than the median 30.0 of 4 completed runs' running averages");
    }

    [Fact]
    public void A_rule_restored_from_its_serialized_state_decides_as_the_original_would()
    {
        var rule = MedianStoppingRule.Start(new MedianStoppingSpec { GraceEpochs = 1, MinRuns = 1 }, "swd");
        Scores(rule, "A", (1, 10), (2, 20));
        rule.Completed("A");

        var restored = SchedulerState.RoundTrip(rule);

        // At 2: A's running average (10 + 20) / 2 = 15; a best of 16 is worse.
        Assert.Equal(rule.Report("B", 2, 16), restored.Report("B", 2, 16));
        Assert.Equal(StoppingVerdict.Stop, restored.Report("B", 2, 16).Verdict);
    }
}
