using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>An experiment's runs as its sweep defines them: the spec each run trains, and how a run not started yet looks.</summary>
public static class ExperimentRuns
{
    /// <summary>How many of the best runs an experiment keeps.</summary>
    public const int TopKept = 100;

    /// <summary>A watcher renews its subscription well within this.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    public static RunSpec Spec(string experimentId, SweepDefinition sweep, SweepVariant variant) =>
        new(experimentId, variant.Index, variant.Parameters, variant.Config, sweep.Data, sweep.Resources.GpusPerTrial,
            sweep.Resources.MaxFailures, ArtifactPaths.RunDirectory(experimentId, RunIds.For(experimentId, variant.Index)))
        {
            Objective = sweep.Objective,
        };

    /// <summary>A run at or past <see cref="ExperimentSnapshot.Started"/>: it has no run grain yet, and may never get one.</summary>
    public static RunSnapshot NotStarted(ExperimentSnapshot experiment, int index)
    {
        if (index < experiment.Started || index >= experiment.Entry.Runs)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"runs {experiment.Started}..{experiment.Entry.Runs - 1} of {experiment.Entry.ExperimentId} have not started");
        var experimentId = experiment.Entry.ExperimentId;
        var spec = Spec(experimentId, experiment.Sweep, SweepExpander.Expand(experiment.Sweep, index, 1)[0]);
        var cancelled = experiment.Entry.Status == ExperimentStatus.Cancelled;
        return new RunSnapshot(RunIds.For(experimentId, index), spec,
            cancelled ? RunStatus.Cancelled : RunStatus.Pending,
            cancelled ? "cancelled before it started" : $"waiting for its turn (max_concurrent {experiment.Sweep.Resources.MaxConcurrent})",
            Attempts: 0, Failures: 0, Step: 0, TotalSteps: 0, History: [], Checkpoints: [], Worker: null, StartedAt: null,
            FinishedAt: cancelled ? experiment.Entry.FinishedAt : null);
    }
}
