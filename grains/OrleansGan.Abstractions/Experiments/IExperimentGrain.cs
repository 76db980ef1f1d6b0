using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>
/// One submitted sweep: expands it into runs and keeps at most max_concurrent of them going.
/// A durable reminder keeps it driving its runs across silo restarts until every run has finished.
/// </summary>
[Alias("IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    [Alias("Start")] Task<ExperimentEntry> Start(SweepDefinition sweep, DateTimeOffset submittedAt);
    [Alias("GetSnapshot")] Task<ExperimentSnapshot> GetSnapshot();
    [Alias("Cancel")] Task Cancel();
    [Alias("OnRunFinished")] Task OnRunFinished(string runId, RunStatus status);
}
