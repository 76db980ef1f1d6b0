using OrleansGan.Scheduling;

namespace OrleansGan.Sweeps.Tests.Scheduling;

/// <summary>
/// ASHA decisions on scripted score tables. Each expected decision is worked out by hand from Li et al.'s algorithm 2: at
/// a rung holding n scores (the arrival's included) the best floor(n/eta) go on, a score equal to the cut is in, and a run
/// that is not in stops and waits; when a slot frees, the best waiting run now in its rung's top floor(n/eta) is promoted,
/// from the highest rung down.
/// </summary>
public class AshaRungsTests
{
    static AshaRungs Start(int grace, int eta, int max) =>
        AshaRungs.Start(new AshaSpec { GraceEpochs = grace, ReductionFactor = eta, MaxEpochs = max }, "swd");

    static void Expect(StoppingDecision decision, StoppingVerdict verdict, string reason) =>
        Assert.Equal((verdict, reason), (decision.Verdict, decision.Reason));

    static void ExpectPromoted(StoppingDecision? decision, string run, string reason) =>
        Assert.Equal((run, StoppingVerdict.Continue, reason), (decision?.Run, decision?.Verdict, decision?.Reason));

    static readonly Func<string, bool> AllWaiting = _ => true;

    [Fact]
    public void Keeps_the_top_third_at_each_rung_first_arrivals_waiting_and_ties_in()
    {
        var asha = Start(grace: 1, eta: 3, max: 9); // rungs at epochs 1 and 3

        // Rung 1. n, floor(n/3) kept, sorted scores, cut:
        Expect(asha.Report("a", 1, 50), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 50.0 is arrival 1, fewer than 3 recorded: waits to be promoted");
        Expect(asha.Report("b", 1, 40), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 40.0 is arrival 2, fewer than 3 recorded: waits to be promoted");
        Assert.Null(asha.Promote(AllWaiting));
        // 3, 1, [40 45 50], 40: c stops, and b, waiting, is in now.
        Expect(asha.Report("c", 1, 45), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 3 (cut 40.0)");
        ExpectPromoted(asha.Promote(AllWaiting), "b", "ASHA rung 1 epochs: swd 40.0 now in top 1/3 of 3 (cut 40.0): promoted");
        Assert.Null(asha.Promote(AllWaiting));
        // 4, 1, [30 40 45 50], 30
        Expect(asha.Report("d", 1, 30), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 30.0 in top 1/3 of 4 (cut 30.0)");
        // 5, 1, [30 40 45 45 50], 30
        Expect(asha.Report("e", 1, 45), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 45.0 not in top 1/3 of 5 (cut 30.0)");
        // 6, 2, [30 40 45 45 50 60], 40: b and d are in, and went on already.
        Expect(asha.Report("f", 1, 60), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 60.0 not in top 1/3 of 6 (cut 40.0)");
        Assert.Null(asha.Promote(AllWaiting));
        // 7, 2, [30 40 40 45 45 50 60], 40: a tie with the cut is in.
        Expect(asha.Report("g", 1, 40), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 40.0 in top 1/3 of 7 (cut 40.0)");

        // Between rungs nothing is judged; a promoted run that reports its rung again (a retry) gets its promotion.
        Expect(asha.Report("b", 2, 99), StoppingVerdict.Continue, "ASHA: judged at rung 1 epochs; the next rung decides");
        Expect(asha.Report("b", 1, 41), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 40.0 now in top 1/3 of 3 (cut 40.0): promoted");

        // Rung 3 starts empty.
        Expect(asha.Report("d", 3, 20), StoppingVerdict.Stop, "ASHA rung 3 epochs: swd 20.0 is arrival 1, fewer than 3 recorded: waits to be promoted");
        Expect(asha.Report("b", 3, 25), StoppingVerdict.Stop, "ASHA rung 3 epochs: swd 25.0 is arrival 2, fewer than 3 recorded: waits to be promoted");

        // A late arrival at rung 1 is judged against all 7 earlier scores: 8, 2, [30 35 40 40 45 45 50 60], 35
        Expect(asha.Report("h", 1, 35), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 35.0 in top 1/3 of 8 (cut 35.0)");

        // Rung 3: 3, 1, [19 20 25], 19
        Expect(asha.Report("g", 3, 19), StoppingVerdict.Continue, "ASHA rung 3 epochs: swd 19.0 in top 1/3 of 3 (cut 19.0)");
        Assert.Null(asha.Promote(AllWaiting));

        // max_epochs: the run is complete, not stopped.
        Expect(asha.Report("g", 9, 15), StoppingVerdict.Complete, "ASHA: max_epochs 9 reached, the run is complete");
        Expect(asha.Report("z", 0, 1), StoppingVerdict.Continue, "ASHA: the first rung is at 1 epochs");
    }

    [Fact]
    public void Promotes_the_best_waiting_run_first_and_only_runs_that_wait()
    {
        var asha = Start(grace: 1, eta: 2, max: 4); // rungs at epochs 1 and 2

        Expect(asha.Report("x", 1, 10), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 10.0 is arrival 1, fewer than 2 recorded: waits to be promoted");
        // 2, 1, [10 40], 10; then 3, 1, [10 30 40], 10
        Expect(asha.Report("A", 1, 40), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 40.0 not in top 1/2 of 2 (cut 10.0)");
        Expect(asha.Report("B", 1, 30), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 30.0 not in top 1/2 of 3 (cut 10.0)");
        // 6, 3, [10 30 40 50 60 70], 40: x, B and A are in, and wait (no slot freed in between).
        foreach (var (run, score) in new[] { ("y", 50.0), ("z", 60.0), ("w", 70.0) })
            Assert.Equal(StoppingVerdict.Stop, asha.Report(run, 1, score).Verdict);

        // x has not stopped yet (its stop is on its way): it is not promoted until it waits.
        ExpectPromoted(asha.Promote(run => run != "x"), "B", "ASHA rung 1 epochs: swd 30.0 now in top 1/2 of 6 (cut 40.0): promoted");
        ExpectPromoted(asha.Promote(AllWaiting), "x", "ASHA rung 1 epochs: swd 10.0 now in top 1/2 of 6 (cut 40.0): promoted");
        ExpectPromoted(asha.Promote(AllWaiting), "A", "ASHA rung 1 epochs: swd 40.0 now in top 1/2 of 6 (cut 40.0): promoted");
        Assert.Null(asha.Promote(AllWaiting));
    }

    [Fact]
    public void Promotes_from_the_highest_rung_first()
    {
        var asha = Start(grace: 1, eta: 2, max: 4); // rungs at epochs 1 and 2

        asha.Report("p", 1, 10);
        asha.Report("q", 1, 20); // 2, 1, [10 20], 10
        ExpectPromoted(asha.Promote(AllWaiting), "p", "ASHA rung 1 epochs: swd 10.0 now in top 1/2 of 2 (cut 10.0): promoted");
        Expect(asha.Report("p", 2, 8), StoppingVerdict.Stop, "ASHA rung 2 epochs: swd 8.0 is arrival 1, fewer than 2 recorded: waits to be promoted");
        // Rung 1: 3, 1, [10 12 20], 10; 4, 2, [10 11 12 20], 11
        Expect(asha.Report("v", 1, 12), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 12.0 not in top 1/2 of 3 (cut 10.0)");
        Expect(asha.Report("w", 1, 11), StoppingVerdict.Continue, "ASHA rung 1 epochs: swd 11.0 in top 1/2 of 4 (cut 11.0)");
        // Rung 2: 2, 1, [8 30], 8
        Expect(asha.Report("w", 2, 30), StoppingVerdict.Stop, "ASHA rung 2 epochs: swd 30.0 not in top 1/2 of 2 (cut 8.0)");
        // Rung 1: 5, 2, [10 11 12 13 20], 11; 6, 3, [10 11 12 13 14 20], 12: v is in now.
        Expect(asha.Report("s", 1, 13), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 13.0 not in top 1/2 of 5 (cut 11.0)");
        Expect(asha.Report("t", 1, 14), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 14.0 not in top 1/2 of 6 (cut 12.0)");

        // Both p at rung 2 and v at rung 1 are promotable: the higher rung goes first.
        ExpectPromoted(asha.Promote(AllWaiting), "p", "ASHA rung 2 epochs: swd 8.0 now in top 1/2 of 2 (cut 8.0): promoted");
        ExpectPromoted(asha.Promote(AllWaiting), "v", "ASHA rung 1 epochs: swd 12.0 now in top 1/2 of 6 (cut 12.0): promoted");
        Assert.Null(asha.Promote(AllWaiting));
        Expect(asha.Report("p", 4, 5), StoppingVerdict.Complete, "ASHA: max_epochs 4 reached, the run is complete");
    }

    [Fact]
    public void A_run_that_fails_and_is_retried_mid_rung_is_counted_once()
    {
        var asha = Start(grace: 1, eta: 2, max: 4); // rungs at epochs 1 and 2

        asha.Report("p", 1, 10);
        // 2, 1, [10 20], 10
        Expect(asha.Report("q", 1, 20), StoppingVerdict.Stop, "ASHA rung 1 epochs: swd 20.0 not in top 1/2 of 2 (cut 10.0)");
        var promoted = asha.Promote(AllWaiting);
        ExpectPromoted(promoted, "p", "ASHA rung 1 epochs: swd 10.0 now in top 1/2 of 2 (cut 10.0): promoted");

        // p fails in epoch 2; its retry starts over and reports epoch 1 again with another score: it gets its promotion,
        // and the rung still holds p once.
        Assert.Equal(promoted, asha.Report("p", 1, 12));
        Assert.Equal(2, asha.Rungs[0].Arrivals.Count);

        // Had p's retry been recorded again, r would see 4 scores [10 11 12 20], keep 2, cut 11, and go on.
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
        ExpectPromoted(asha.Promote(AllWaiting), "a", "ASHA rung 1 epochs: swd 50.0 now in top 1/2 of 2 (cut 50.0): promoted");
        Assert.Null(asha.Promote(AllWaiting));
    }

    [Fact]
    public void Rungs_restored_from_their_serialized_state_decide_as_the_originals_would()
    {
        var asha = Start(grace: 1, eta: 3, max: 9);
        foreach (var (run, score) in new[] { ("a", 50.0), ("b", 40.0), ("c", 45.0) }) asha.Report(run, 1, score);
        Assert.Equal("b", asha.Promote(AllWaiting)?.Run);

        var restored = SchedulerState.RoundTrip(asha);

        // b's promotion is kept: neither promotes it again.
        Assert.Null(asha.Promote(AllWaiting));
        Assert.Null(restored.Promote(AllWaiting));
        // 4, 1, [30 40 45 50], 30; 5, 1, [30 35 40 45 50], 30: decided alike, and recorded in each only once.
        Assert.Equal(asha.Report("d", 1, 30), restored.Report("d", 1, 30));
        Assert.Equal(asha.Report("e", 1, 35), restored.Report("e", 1, 35));
        Assert.Equal(5, restored.Rungs[0].Arrivals.Count);
    }
}
