using OrleansGan.Sweeps;

namespace OrleansGan.Scheduling;

/// <summary>
/// The stopping form of asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys 2020), as durable state. A run reaching rung k (epoch grace x eta^k) is recorded there and continues only if its
/// score is among the top floor(n/eta) of the n scores recorded at that rung so far, its own included: the paper's
/// top_k(rung k, |rung k|/eta). A rung that holds fewer than eta scores lets its first arrivals continue (the paper's
/// promotion would wait for more; a stopped run cannot wait). A score equal to the cut continues. Recorded scores stay,
/// so late arrivals are judged against every earlier one, stopped or failed runs' included.
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

    StoppingDecision Judge(AshaRung rung, string run, int epoch, double score)
    {
        var eta = Spec.ReductionFactor;
        var count = rung.Arrivals.Count + 1;
        var kept = count / eta;
        var head = $"ASHA rung {rung.Epoch} epochs: {Metric} {Scores.Text(score)}";
        if (kept == 0)
            return StoppingDecision.Of(run, epoch, StoppingVerdict.Continue, $"{head} is arrival {count}, fewer than {eta} recorded: continues");
        var cut = rung.Arrivals.Select(a => a.Score).Append(score).Order(Comparer<double>.Create(Scores.Compare)).ElementAt(kept - 1);
        return Scores.Compare(score, cut) <= 0
            ? StoppingDecision.Of(run, epoch, StoppingVerdict.Continue, $"{head} in top 1/{eta} of {count} (cut {Scores.Text(cut)})")
            : StoppingDecision.Of(run, epoch, StoppingVerdict.Stop, $"{head} not in top 1/{eta} of {count} (cut {Scores.Text(cut)})");
    }
}
