using OrleansGan.Sweeps;

namespace OrleansGan.Scheduling;

/// <summary>
/// The median stopping rule (Golovin et al., "Google Vizier", KDD 2017), as durable state: at epoch t, from grace_epochs
/// on, a run stops when its best score up to t is strictly worse than the median, over the completed runs that reported
/// by t, of each one's running average of its scores up to t; until min_runs such runs exist it continues. Only completed
/// runs set the median: stopped, failed and running ones do not.
/// </summary>
[GenerateSerializer]
public sealed record MedianStoppingRule
{
    MedianStoppingRule() { }

    [Id(0)] public MedianStoppingSpec Spec { get; private init; } = null!;

    [Id(1)] public string Metric { get; private init; } = "";

    [Id(2)] public List<MedianRun> Runs { get; private init; } = [];

    public static MedianStoppingRule Start(MedianStoppingSpec spec, string metric) => new() { Spec = spec, Metric = metric };

    /// <summary>Decides on the run's score at a summary; a report repeated for the same epoch gets the decision it got first.</summary>
    public StoppingDecision Report(string run, int epoch, double score)
    {
        var history = RunOf(run);
        if (history.Scores.Find(s => s.Epoch == epoch) is { } earlier) return earlier.Decision;
        var decision = Judge(history, epoch, score);
        history.Scores.Add(new MedianScore(epoch, score, decision));
        history.Scores.Sort((a, b) => a.Epoch.CompareTo(b.Epoch));
        return decision;
    }

    /// <summary>The run trained to its end: from now on its running averages set the median.</summary>
    public void Completed(string run) => RunOf(run).Completed = true;

    StoppingDecision Judge(MedianRun history, int epoch, double score)
    {
        var head = $"median rule at epoch {epoch}";
        if (epoch < Spec.GraceEpochs)
            return StoppingDecision.Of(history.Run, epoch, StoppingVerdict.Continue, $"{head}: within grace_epochs {Spec.GraceEpochs}");
        var averages = Runs.Where(r => r.Completed && r.Run != history.Run)
                           .Select(r => r.RunningAverage(epoch)).OfType<double>().ToList();
        if (averages.Count < Spec.MinRuns)
            return StoppingDecision.Of(history.Run, epoch, StoppingVerdict.Continue,
                $"{head}: {averages.Count} completed runs to compare with, min_runs {Spec.MinRuns}");
        var best = history.Scores.Where(s => s.Epoch <= epoch).Select(s => s.Score).Append(score).Min(Comparer<double>.Create(Scores.Compare));
        var median = Median(averages);
        var against = $"the median {Scores.Text(median)} of {averages.Count} completed runs' running averages";
        return Scores.Compare(best, median) > 0
            ? StoppingDecision.Of(history.Run, epoch, StoppingVerdict.Stop, $"{head}: best {Metric} {Scores.Text(best)} worse than {against}")
            : StoppingDecision.Of(history.Run, epoch, StoppingVerdict.Continue, $"{head}: best {Metric} {Scores.Text(best)} not worse than {against}");
    }

    static double Median(List<double> values)
    {
        values.Sort(Scores.Compare);
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    MedianRun RunOf(string run)
    {
        if (Runs.Find(r => r.Run == run) is { } known) return known;
        var added = new MedianRun { Run = run };
        Runs.Add(added);
        return added;
    }
}
