using OrleansGan.Training.Configuration;

namespace OrleansGan.Sweeps;

/// <summary>
/// The rules a sweep's scheduler must keep beyond each value's own range: it needs an objective, its decision epochs must
/// be summary epochs of every run (scores come only at summaries), and PBT may change only keys that can change mid-run.
/// </summary>
public static class SchedulerRules
{
    /// <summary>The first rule the sweep's scheduler breaks, or null (also when it has none).</summary>
    public static SchedulerProblem? Problem(SweepDefinition sweep)
    {
        if (sweep.Scheduler is not { } scheduler) return null;
        if (!QualityMetrics.All.Contains(sweep.Objective.Metric))
            return new("scheduler", $"{scheduler.Name} decides on objective scores, and objective.metric '{sweep.Objective.Metric}' " +
                                    $"is not one a run is scored by ({string.Join(", ", QualityMetrics.All)})");
        var runs = SweepExpander.Expand(sweep).Select(v => RunConfigKeys.FromPairs(v.Config)).ToList();
        return scheduler switch
        {
            AshaSpec asha => AshaProblem(asha, runs),
            MedianStoppingSpec median => MedianProblem(median, runs.Count),
            PbtSpec pbt => PbtProblem(pbt, sweep.Search, runs),
            _ => new("scheduler", $"unknown scheduler {scheduler.Name}"),
        };
    }

    /// <summary>Why this version does not run the scheduler (PBT: its grains do not exploit runs yet), or null when it does.</summary>
    public static string? NotRunYet(SchedulerSpec scheduler) => scheduler is PbtSpec
        ? "scheduler: pbt not run yet: the grains of this version stop runs (asha, median) but do not exploit them"
        : null;

    /// <summary>Whether a run of this configuration takes a summary, and so is scored, at the end of <paramref name="epoch"/>.</summary>
    public static bool IsSummaryEpoch(RunConfig run, int epoch) =>
        epoch >= 1 && epoch <= run.Epochs && (epoch % run.SummaryEveryEpochs == 0 || epoch == run.Epochs);

    static SchedulerProblem? AshaProblem(AshaSpec asha, IReadOnlyList<RunConfig> runs)
    {
        const string key = "scheduler.asha";
        if (asha.GraceEpochs < 1) return new($"{key}.grace_epochs", $"must be >= 1, got {asha.GraceEpochs}");
        if (asha.ReductionFactor < 2) return new($"{key}.reduction_factor", $"must be >= 2, got {asha.ReductionFactor}");
        var shortest = runs.Min(r => r.Epochs);
        if (asha.MaxEpochs > shortest)
            return new($"{key}.max_epochs", $"must not exceed the epochs every run trains ({shortest}), got {asha.MaxEpochs}");
        if (asha.GraceEpochs >= asha.MaxEpochs)
            return new($"{key}.grace_epochs", $"must be below max_epochs ({asha.MaxEpochs}), or ASHA never compares runs; got {asha.GraceEpochs}");
        // Every rung is grace x eta^k, and grace is below every run's last epoch, so a grace that is a multiple of every
        // run's summary_every_epochs makes every rung one too.
        if (NotSummarized(runs, asha.GraceEpochs) is { } run)
            return new($"{key}.grace_epochs", $"the first rung, epoch {asha.GraceEpochs}, {NoSummary(run, asha.GraceEpochs)}");
        return NotSummarized(runs, asha.MaxEpochs) is { } last
            ? new($"{key}.max_epochs", $"epoch {asha.MaxEpochs}, where ASHA completes a run, {NoSummary(last, asha.MaxEpochs)}")
            : null;
    }

    static SchedulerProblem? MedianProblem(MedianStoppingSpec median, int runs)
    {
        const string key = "scheduler.median";
        if (median.GraceEpochs < 1) return new($"{key}.grace_epochs", $"must be >= 1, got {median.GraceEpochs}");
        if (median.MinRuns < 1) return new($"{key}.min_runs", $"must be >= 1, got {median.MinRuns}");
        return median.MinRuns >= runs
            ? new($"{key}.min_runs", $"must be below the sweep's {runs} runs, or no run is ever compared with {median.MinRuns} others; got {median.MinRuns}")
            : null;
    }

    static SchedulerProblem? PbtProblem(PbtSpec pbt, SearchSpace search, IReadOnlyList<RunConfig> runs)
    {
        const string key = "scheduler.pbt";
        if (pbt.IntervalEpochs < 1) return new($"{key}.interval_epochs", $"must be >= 1, got {pbt.IntervalEpochs}");
        if (pbt.Quantile is not (> 0 and <= 0.5)) return new($"{key}.quantile", $"must be in (0, 0.5], so the bottom and top groups do not overlap; got {pbt.Quantile}");
        if (pbt.ResampleProbability is not (>= 0 and <= 1)) return new($"{key}.resample_probability", $"must be in [0, 1], got {pbt.ResampleProbability}");
        if (!(pbt.PerturbLow > 0 && pbt.PerturbLow < pbt.PerturbHigh))
            return new($"{key}.perturb", $"must be [low, high] with 0 < low < high, got [{pbt.PerturbLow}, {pbt.PerturbHigh}]");
        if (pbt.Mutable.IsEmpty) return new($"{key}.mutable", "needs at least one key to explore");
        for (var i = 0; i < pbt.Mutable.Length; i++)
        {
            var name = pbt.Mutable[i];
            if (pbt.Mutable.IndexOf(name) != i) return new($"{key}.mutable", $"lists {name} twice", i);
            if (RunConfigKeys.Find(name) is null)
                return new($"{key}.mutable", $"{name} is not a run-configuration key{DidYouMean.Suggest(name, RunConfigKeys.Names)}", i);
            if (PbtMutableKeys.Reason(name) is { } reason) return new($"{key}.mutable", $"{name} {reason}", i);
            if (!search.Parameters.Any(p => p.Key == name))
                return new($"{key}.mutable", $"{name} is not in search.parameters; PBT explores a key within its search space", i);
        }
        if (runs.Count < 2) return new(key, "needs a population of at least 2 runs; the sweep has 1");
        var shortest = runs.Min(r => r.Epochs);
        if (pbt.IntervalEpochs >= shortest)
            return new($"{key}.interval_epochs", $"must be below the epochs every run trains ({shortest}), or PBT never acts; got {pbt.IntervalEpochs}");
        // Below every run's last epoch, the interval is a summary epoch only as a multiple of summary_every_epochs, and
        // then so is every later interval.
        return NotSummarized(runs, pbt.IntervalEpochs) is { } run
            ? new($"{key}.interval_epochs", $"epoch {pbt.IntervalEpochs} {NoSummary(run, pbt.IntervalEpochs)}")
            : null;
    }

    static RunConfig? NotSummarized(IReadOnlyList<RunConfig> runs, int epoch) =>
        runs.FirstOrDefault(r => epoch <= r.Epochs && !IsSummaryEpoch(r, epoch));

    static string NoSummary(RunConfig run, int epoch) =>
        $"is not a summary epoch of a run with summary_every_epochs {run.SummaryEveryEpochs} and epochs {run.Epochs}: " +
        "scores come only at summaries";
}
