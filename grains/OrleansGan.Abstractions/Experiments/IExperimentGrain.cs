using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>
/// One submitted sweep: starts its runs in index order, at most max_concurrent at once, making each run grain as it
/// starts it. A durable reminder keeps it driving its runs across silo restarts until every run has finished, and
/// reads the status of its unfinished runs, so a run whose end it never heard of is counted all the same.
/// </summary>
[Alias("IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <exception cref="InvalidSweepException">the sweep breaks a rule of the sweep file format.</exception>
    [Alias("Start")] Task<ExperimentEntry> Start(SweepDefinition sweep, DateTimeOffset submittedAt);

    /// <summary>Counts, runs in flight and the <see cref="ExperimentSnapshot.TopShown"/> best runs.</summary>
    [Alias("GetSnapshot")] Task<ExperimentSnapshot> GetSnapshot();

    /// <summary>The best runs by the objective, best first; the experiment keeps the best <see cref="ExperimentRuns.TopKept"/>.</summary>
    [Alias("GetTopRuns")] Task<IReadOnlyList<ScoredRun>> GetTopRuns(int count);

    /// <summary>Runs not started are cancelled at once; returns when the running ones have been told to stop.</summary>
    [Alias("Cancel")] Task Cancel();

    /// <summary>A run's end; idempotent, so a run grain may repeat it until it gets through.</summary>
    [Alias("OnRunFinished")] Task OnRunFinished(string runId, RunStatus status);

    /// <summary>
    /// A checkpoint of one of the runs landed, with its scores: it may enter the best runs, and a summary's objective score
    /// goes to the sweep's scheduler, which may stop the run (in a call of its own, after this one returns).
    /// </summary>
    [Alias("OnRunCheckpoint")] Task OnRunCheckpoint(string runId, CheckpointRecord checkpoint);

    /// <summary>
    /// Continues a run the scheduler stopped from its last checkpoint, reopening the experiment if it had ended; the
    /// scheduler no longer stops that run.
    /// </summary>
    /// <exception cref="UnknownIdException">no such run in this experiment.</exception>
    /// <exception cref="RunNotStoppedException">the run is not stopped, or the experiment was cancelled.</exception>
    [Alias("ResumeRun")] Task ResumeRun(string runId);

    /// <summary>Sends the observer every change; the subscription lapses unless renewed within <see cref="ExperimentRuns.SubscriptionLifetime"/>.</summary>
    [Alias("Subscribe")] Task Subscribe(IExperimentObserver observer);

    [Alias("Unsubscribe")] Task Unsubscribe(IExperimentObserver observer);
}
