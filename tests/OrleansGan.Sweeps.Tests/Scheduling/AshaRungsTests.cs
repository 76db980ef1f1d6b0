using OrleansGan.Scheduling;

namespace OrleansGan.Sweeps.Tests.Scheduling;

/// <summary>
/// ASHA decisions on scripted score tables. Each expected decision is worked out by hand from Li et al.'s rule: at a rung
/// holding n scores (the arrival's included) the best floor(n/eta) continue, a score equal to the cut continues, and with
/// fewer than eta scores the arrival continues.
/// </summary>
public class AshaRungsTests
{
    static AshaRungs Start(int grace, int eta, int max) =>
        AshaRungs.Start(new AshaSpec { GraceEpochs = grace, ReductionFactor = eta, MaxEpochs = max }, "swd");

    static void Expect(StoppingDecision decision, StoppingVerdict verdict, string reason) =>
        Assert.Equal((verdict, reason), (decision.Verdict, decision.Reason));

    [Fact]
    public void Keeps_the_top_third_at_each_rung_with_first_arrivals_and_ties_continuing()
    {
        var asha = Start(grace: 1, eta: 3, max: 9); // rungs at epochs 1 and 3

        // Rung 1. n, floor(n/3) kept, sorted scores, cut:
        Expect(asha.Report("a", 1, 50), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 50.0 is arrival 1, fewer than 3 recorded: continues");
        Expect(asha.Report("b", 1, 40), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 40.0 is arrival 2, fewer than 3 recorded: continues");
        // 3, 1, [40 45 50], 40
        Expect(asha.Report("c", 1, 45), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 3 (cut 40.0)");
        // 4, 1, [30 40 45 50], 30
        Expect(asha.Report("d", 1, 30), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 30.0 in top 1/3 of 4 (cut 30.0)");
        // 5, 1, [30 40 45 45 50], 30
        Expect(asha.Report("e", 1, 45), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 5 (cut 30.0)");
        // 6, 2, [30 40 45 45 50 60], 40
        Expect(asha.Report("f", 1, 60), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 6 (cut 40.0)");
        // 7, 2, [30 40 40 45 45 50 60], 40: a tie with the cut continues
        Expect(asha.Report("g", 1, 40), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 40.0 in top 1/3 of 7 (cut 40.0)");

        // Between rungs nothing is judged; rung 3 starts empty.
        Expect(asha.Report("b", 2, 99), StoppingVerdict.Continue, "ASHA: judged at rung 1 epochs; the next rung decides");
        Expect(asha.Report("d", 3, 20), StoppingVerdict.Continue, "ASHA rung 3 epochs: swd 20.0 is arrival 1, fewer than 3 recorded: continues");
        Expect(asha.Report("b", 3, 25), StoppingVerdict.Continue, "ASHA rung 3 epochs: swd 25.0 is arrival 2, fewer than 3 recorded: continues");

        // A late arrival at rung 1 is judged against all 7 earlier scores: 8, 2, [30 35 40 40 45 45 50 60], 35
        Expect(asha.Report("h", 1, 35), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 35.0 in top 1/3 of 8 (cut 35.0)");

        // Rung 3: 3, 1, [20 25 28], 20; then 4, 1, [19 20 25 28], 19
        Expect(asha.Report("a", 3, 28), StoppingVerdict.Stop, "ASHA rung 3 epochs: swd 28.0 not in top 1/3 of 3 (cut 20.0)");
        Expect(asha.Report("g", 3, 19), StoppingVerdict.Continue, "ASHA rung 3 epochs: swd 19.0 in top 1/3 of 4 (cut 19.0)");

        // max_epochs: the run is complete, not stopped.
        Expect(asha.Report("g", 9, 15), StoppingVerdict.Complete, "ASHA: max_epochs 9 reached, the run is complete");
        Expect(asha.Report("z", 0, 1), StoppingVerdict.Continue, "ASHA: the first rung is at 1 epochs");
    }

    [Fact]
    public void A_run_that_fails_and_is_retried_mid_rung_is_counted_once()
    {
        var asha = Start(grace: 1, eta: 2, max: 4); // rungs at epochs 1 and 2

        var first = asha.Report("p", 1, 10);
        Expect(first, StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 10.0 is arrival 1, fewer than 2 recorded: continues");
        // 2, 1, [10 20], 10
        Expect(asha.Report("q", 1, 20), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 20.0 not in top 1/2 of 2 (cut 10.0)");

        // p fails in epoch 2; its retry starts over and reports epoch 1 again with another score: it gets its first decision,
        // and the rung still holds p once.
        Assert.Equal(first, asha.Report("p", 1, 12));
        Assert.Equal(StoppingVerdict.Stop, asha.Report("q", 1, 20).Verdict);

        // Had p's retry been recorded again, r would see 4 scores [10 11 12 20], keep 2, cut 11, and continue.
        // With p once: 3, 1, [10 11 20], 10.
        Expect(asha.Report("r", 1, 11), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 11.0 not in top 1/2 of 3 (cut 10.0)");

        // s failed before rung 1 and arrives late on its retry: 4, 2, [9 10 11 20], 10.
        Expect(asha.Report("s", 1, 9), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 9.0 in top 1/2 of 4 (cut 10.0)");
    }

    [Fact]
    public void A_diverged_run_scores_worst()
    {
        var asha = Start(grace: 1, eta: 2, max: 4);
        asha.Report("a", 1, 50);

        // 2, 1, [50 NaN], 50
        Expect(asha.Report("b", 1, double.NaN), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd NaN not in top 1/2 of 2 (cut 50.0)");
    }

    [Fact]
    public void Rungs_restored_from_their_serialized_state_decide_as_the_originals_would()
    {
        var asha = Start(grace: 1, eta: 3, max: 9);
        foreach (var (run, score) in new[] { ("a", 50.0), ("b", 40.0), ("c", 45.0), ("d", 30.0) }) asha.Report(run, 1, score);

        var restored = SchedulerState.RoundTrip(asha);

        // 5, 1, [30 35 40 45 50], 30: stopped by both, and recorded in each only once.
        Assert.Equal(asha.Report("e", 1, 35), restored.Report("e", 1, 35));
        Assert.Equal(5, restored.Rungs[0].Arrivals.Count);
    }
}
