using OrleansGan.Sweeps;

namespace OrleansGan.Scheduling;

/// <summary>
/// Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020,
/// algorithm 2), as durable state, with stopped runs as the paper's paused configurations: exact resume lets a stopped run
/// wait at its rung and go on later. A run reaching rung k (epoch grace x eta^k) is recorded there and is promoted at once
/// if its score is among the top floor(n/eta) of the n scores recorded at that rung so far, its own included (the paper's
/// top_k(rung k, |rung k|/eta)); otherwise it stops. Whenever a slot frees, <see cref="Promote"/> first looks for a stopped
/// run that has since entered its rung's top floor(n/eta), from the highest rung down (the paper's get_job), and only then
/// does a new run start. A rung holding fewer than eta scores promotes none; a score equal to the cut is in. Recorded
/// scores stay, so late arrivals are judged against every earlier one, stopped or failed runs' included.
/// </summary>
[GenerateSerializer]
public sealed record AshaRungs
{
    AshaRungs() { }

    [Id(0)] public AshaSpec Spec { get; private init; } = null!;

    /// <summary>The objective metric the scores are in, for the reasons.</summary>
    [Id(1)] public string Metric { get; private init; } = "";

    [Id(2)] public List<AshaRung> Rungs { get; private init; } = [];

    public static AshaRungs Start(AshaSpec spec, string metric) =>
        new() { Spec = spec, Metric = metric, Rungs = [.. spec.Rungs().Select(epoch => new AshaRung { Epoch = epoch })] };

    /// <summary>
    /// Decides on the run's score at a summary. A report repeated for the same rung epoch (a retried attempt that resumed
    /// from before it) gets the decision it got the first time. A run that passed a rung is judged again only at the next
    /// one, so a stopped run that is resumed by hand trains on to it.
    /// </summary>
    public StoppingDecision Report(string run, int epoch, double score)
    {
        if (epoch >= Spec.MaxEpochs)
            return StoppingDecision.Of(run, epoch, StoppingVerdict.Complete, $"ASHA: max_epochs {Spec.MaxEpochs} reached, the run is complete");
        var rung = Rungs.LastOrDefault(r => r.Epoch <= epoch);
        if (rung is null)
            return StoppingDecision.Of(run, epoch, StoppingVerdict.Continue, $"ASHA: the first rung is at {Rungs[0].Epoch} epochs");
        if (rung.Arrivals.Find(a => a.Run == run) is { } earlier)
            return epoch == rung.Epoch
                ? earlier.Decision
                : StoppingDecision.Of(run, epoch, StoppingVerdict.Continue, $"ASHA: judged at rung {rung.Epoch} epochs; the next rung decides");
        var decision = Judge(rung, run, epoch, score);
        rung.Arrivals.Add(new AshaArrival(run, score, decision));
        return decision;
    }

    /// <summary>
    /// The promotion a freed slot takes: from the highest rung down, the best-scoring run (the earlier arrival on a tie)
    /// that is in its rung's top floor(n/eta) now, was not promoted from it, and is <paramref name="waiting"/>: stopped
    /// there, and not resumed by hand. Null when no run is promotable; the slot then starts a new run.
    /// </summary>
    public StoppingDecision? Promote(Func<string, bool> waiting)
    {
        var eta = Spec.ReductionFactor;
        foreach (var rung in Enumerable.Reverse(Rungs))
        {
            var kept = rung.Arrivals.Count / eta;
            if (kept == 0) continue;
            var cut = Cut(rung.Arrivals.Select(a => a.Score), kept);
            var candidate = rung.Arrivals
                .Where(a => !a.Promoted && Scores.Compare(a.Score, cut) <= 0 && waiting(a.Run))
                .OrderBy(a => a.Score, ScoreOrder)
                .FirstOrDefault();
            if (candidate is null) continue;
            var decision = StoppingDecision.Of(candidate.Run, rung.Epoch, StoppingVerdict.Continue,
                $"ASHA rung {rung.Epoch} epochs: {Metric} {Scores.Text(candidate.Score)} now in top 1/{eta} of {rung.Arrivals.Count} (cut {Scores.Text(cut)}): promoted");
            rung.Arrivals[rung.Arrivals.IndexOf(candidate)] = candidate with { Decision = decision };
            return decision;
        }
        return null;
    }

    StoppingDecision Judge(AshaRung rung, string run, int epoch, double score)
    {
        var eta = Spec.ReductionFactor;
        var count = rung.Arrivals.Count + 1;
        var kept = count / eta;
        var head = $"ASHA rung {rung.Epoch} epochs: {Metric} {Scores.Text(score)}";
        if (kept == 0)
            return StoppingDecision.Of(run, epoch, StoppingVerdict.Stop, $"{head} is arrival {count}, fewer than {eta} recorded: waits to be promoted");
        var cut = Cut(rung.Arrivals.Select(a => a.Score).Append(score), kept);
        return Scores.Compare(score, cut) <= 0
            ? StoppingDecision.Of(run, epoch, StoppingVerdict.Continue, $"{head} in top 1/{eta} of {count} (cut {Scores.Text(cut)})")
            : StoppingDecision.Of(run, epoch, StoppingVerdict.Stop, $"{head} not in top 1/{eta} of {count} (cut {Scores.Text(cut)})");
    }

    static readonly Comparer<double> ScoreOrder = Comparer<double>.Create(Scores.Compare);

    /// <summary>The kept-th best score: the worst that is still in the top.</summary>
    static double Cut(IEnumerable<double> scores, int kept) => scores.Order(ScoreOrder).ElementAt(kept - 1);
}
