using OrleansGan.Runs;
using OrleansGan.Scheduling;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

/// <summary>
/// An experiment's early-stopping rule (ASHA or the median rule) with what it has recorded, the stops it decided that its
/// runs have not yet confirmed, and the runs resumed by hand, which it no longer stops. Kept apart from
/// <see cref="ExperimentProgress"/>, so that it is written when a summary is scored or a scheduled run ends, not on every
/// start; its size grows with the scores recorded.
/// </summary>
[GenerateSerializer, Alias("ExperimentScheduler")]
public sealed class ExperimentScheduler
{
    [Id(0)] public AshaRungs? Asha { get; set; }
    [Id(1)] public MedianStoppingRule? Median { get; set; }

    /// <summary>Runs told to end on a decision, until their end reaches the experiment.</summary>
    [Id(2)] public List<ScheduledStop> Pending { get; set; } = [];

    [Id(3)] public List<int> Resumed { get; set; } = [];

    public bool IsEmpty => Asha is null && Median is null;

    /// <summary>Sets up the sweep's rule; false when the sweep has none this version acts on.</summary>
    public bool StartFor(SweepDefinition sweep)
    {
        switch (sweep.Scheduler)
        {
            case AshaSpec asha: Asha = AshaRungs.Start(asha, sweep.Objective.Metric); return true;
            case MedianStoppingSpec median: Median = MedianStoppingRule.Start(median, sweep.Objective.Metric); return true;
            default: return false;
        }
    }

    /// <summary>Decides on a run's objective score at a summary: the stop to send the run, or null when it trains on.</summary>
    /// <param name="lastEpoch">The run's own last epoch: a run there completes without being told.</param>
    public ScheduledStop? Report(int index, string run, int epoch, double score, int lastEpoch)
    {
        var decision = Asha?.Report(run, epoch, score) ?? Median?.Report(run, epoch, score);
        if (decision is null || Resumed.Contains(index) || Pending.Exists(p => p.Index == index)) return null;
        ScheduledStop? stop = decision.Verdict switch
        {
            StoppingVerdict.Stop => new(index, RunStatus.Stopped, decision.Reason),
            StoppingVerdict.Complete when epoch < lastEpoch => new(index, RunStatus.Completed, decision.Reason),
            _ => null,
        };
        if (stop is not null) Pending.Add(stop);
        return stop;
    }

    /// <returns>Whether anything changed.</returns>
    public bool Finished(int index, string run, RunStatus status)
    {
        var changed = Pending.RemoveAll(p => p.Index == index) > 0;
        if (status == RunStatus.Completed && Median is { } median)
        {
            median.Completed(run);
            changed = true;
        }
        return changed;
    }

    public void ResumedByHand(int index)
    {
        if (!Resumed.Contains(index)) Resumed.Add(index);
    }
}
