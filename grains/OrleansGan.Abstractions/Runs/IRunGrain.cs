namespace OrleansGan.Runs;

/// <summary>
/// One variant of an experiment, keyed by its run id. Durable: it outlives the workers that train it,
/// counts attempts, and keeps a bounded metric history and every checkpoint's record.
/// </summary>
[Alias("IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    [Alias("Create")] Task Create(RunSpec spec);
    [Alias("Start")] Task Start();
    [Alias("Cancel")] Task Cancel();
    [Alias("GetSnapshot")] Task<RunSnapshot> GetSnapshot();

    /// <summary>A worker's batch of step metrics; points at or before the last recorded step are ignored.</summary>
    [Alias("ReportProgress")] Task ReportProgress(int attempt, long totalSteps, IReadOnlyList<MetricPoint> points);
    [Alias("ReportCheckpoint")] Task ReportCheckpoint(int attempt, CheckpointRecord checkpoint);
    /// <summary>The attempt's end: Completed, Cancelled, Failed (with the error), or Pending when its worker stopped and it should resume elsewhere.</summary>
    [Alias("ReportFinished")] Task ReportFinished(int attempt, RunStatus outcome, string? error);
}
