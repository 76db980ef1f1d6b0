using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Scheduling;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

/// <summary>
/// An experiment's scheduler (ASHA, the median rule or PBT) with what it has recorded, the stops it decided that its
/// runs have not yet confirmed, the runs ASHA stopped that may yet be promoted, and the runs resumed by hand, which it no
/// longer stops. Kept apart from <see cref="ExperimentProgress"/>, so that it is written when a summary is scored or a
/// scheduled run ends, not on every start; its size grows with the scores recorded (its latest decisions are kept up to
/// a bound).
/// </summary>
[GenerateSerializer, Alias("ExperimentScheduler")]
public sealed class ExperimentScheduler
{
    [Id(0)] public AshaRungs? Asha { get; set; }
    [Id(1)] public MedianStoppingRule? Median { get; set; }

    /// <summary>Runs told to end on a decision, until their end reaches the experiment.</summary>
    [Id(2)] public List<ScheduledStop> Pending { get; set; } = [];

    [Id(3)] public List<int> Resumed { get; set; } = [];

    [Id(4)] public PbtPopulation? Pbt { get; set; }

    /// <summary>Each PBT member's latest summary checkpoint: what an exploit copies (for a recipient, the one it copied).</summary>
    [Id(5)] public Dictionary<string, CheckpointRecord> PbtCheckpoints { get; set; } = [];

    /// <summary>The latest stops and exploits, oldest first, at most <see cref="ExperimentSnapshot.DecisionsKept"/>.</summary>
    [Id(6)] public List<SchedulerDecision> Recent { get; set; } = [];

    /// <summary>Runs ASHA stopped at a rung, stopped now: a freed slot may promote them.</summary>
    [Id(7)] public List<int> Waiting { get; set; } = [];

    /// <summary>Runs promoted whose resume has not been confirmed yet.</summary>
    [Id(8)] public List<int> Promoting { get; set; } = [];

    public bool IsEmpty => Asha is null && Median is null && Pbt is null;

    /// <summary>Sets up the sweep's rule; false when the sweep has none this version acts on.</summary>
    public bool StartFor(SweepDefinition sweep)
    {
        switch (sweep.Scheduler)
        {
            case AshaSpec asha: Asha = AshaRungs.Start(asha, sweep.Objective.Metric); return true;
            case MedianStoppingSpec median: Median = MedianStoppingRule.Start(median, sweep.Objective.Metric); return true;
            case PbtSpec pbt: Pbt = PbtPopulation.Start(pbt, sweep); return true;
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

    /// <summary>
    /// PBT's decision on a run's score at a summary: the exploit to send the run, or null when it trains on as it is (also at
    /// its last epoch, where there is nothing left to train).
    /// </summary>
    /// <param name="config">The run's configuration as its variant gave it: the values it joins the population with.</param>
    public ExploitOrder? Exploit(string run, IEnumerable<KeyValuePair<string, double>> config, CheckpointRecord checkpoint, double score, int lastEpoch)
    {
        var pbt = Pbt!;
        pbt.Join(run, config);
        PbtCheckpoints[run] = checkpoint;
        var decision = pbt.Report(run, checkpoint.Epoch, score);
        if (decision.Exploit is not { } exploit || checkpoint.Epoch >= lastEpoch) return null;
        var donor = PbtCheckpoints[exploit.Donor];
        PbtCheckpoints[run] = donor;
        return new ExploitOrder(checkpoint.Epoch, exploit, donor, decision.Reason);
    }

    /// <returns>False for a decision kept already: PBT repeats its decision on a repeated report of an epoch.</returns>
    public bool Record(SchedulerDecision decision)
    {
        if (Recent.Exists(d => d.RunId == decision.RunId && d.Kind == decision.Kind && d.Reason == decision.Reason)) return false;
        Recent.Add(decision);
        if (Recent.Count > ExperimentSnapshot.DecisionsKept) Recent.RemoveRange(0, Recent.Count - ExperimentSnapshot.DecisionsKept);
        return true;
    }

    /// <returns>Whether anything changed.</returns>
    public bool Finished(int index, string run, RunStatus status)
    {
        var stoppedHere = Pending.Exists(p => p.Index == index && p.Status == RunStatus.Stopped);
        var changed = Pending.RemoveAll(p => p.Index == index) > 0;
        if (status == RunStatus.Stopped && stoppedHere && Asha is not null && !Waiting.Contains(index)) Waiting.Add(index);
        if (status == RunStatus.Completed && Median is { } median)
        {
            median.Completed(run);
            changed = true;
        }
        if (status == RunStatus.Failed && Pbt is { } pbt && pbt.Members.Exists(m => m.Run == run))
        {
            pbt.Leave(run);
            changed = true;
        }
        return changed;
    }

    public void ResumedByHand(int index)
    {
        if (!Resumed.Contains(index)) Resumed.Add(index);
        Waiting.Remove(index);
    }

    /// <summary>ASHA's promotion for a freed slot: the waiting run to resume and why, or null when there is none.</summary>
    public (int Index, string Reason)? Promote()
    {
        if (Asha?.Promote(run => RunIds.Parse(run) is (_, var i) && Waiting.Contains(i)) is not { } decision) return null;
        var index = RunIds.Parse(decision.Run)!.Value.Index;
        Waiting.Remove(index);
        Promoting.Add(index);
        return (index, decision.Reason);
    }
}
