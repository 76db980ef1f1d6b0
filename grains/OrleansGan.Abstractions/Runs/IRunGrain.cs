namespace OrleansGan.Runs;

/// <summary>
/// One variant of an experiment, keyed by its run id. Durable: it outlives the workers that train it,
/// counts attempts, and keeps a bounded metric history and every checkpoint's record.
/// </summary>
/// <remarks>
/// A worker reports under the trial key of the attempt it trains; reports of any other attempt are answered
/// <see cref="ReportAck.Stale"/> (or ignored) and change nothing.
/// </remarks>
[Alias("IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    [Alias("Create")] Task Create(RunSpec spec);
    [Alias("Start")] Task Start();
    [Alias("Cancel")] Task Cancel();

    /// <summary>
    /// Ends the run on its experiment's scheduler's decision, the way a cancel does (its attempt writes a stop checkpoint):
    /// <see cref="RunStatus.Stopped"/> when it is cut, <see cref="RunStatus.Completed"/> when it has trained as far as the
    /// scheduler trains any run. A finished run is left as it is.
    /// </summary>
    [Alias("Stop")] Task Stop(RunStatus status, string reason);

    /// <summary>Makes a stopped run pending again and starts it from its last checkpoint.</summary>
    /// <param name="cause">Who resumed it, for its status reason and the log: "resumed by hand", "promoted by ASHA".</param>
    /// <exception cref="RunNotStoppedException">the run is not stopped.</exception>
    [Alias("Resume")] Task Resume(string cause);
    /// <summary>
    /// PBT's exploit: the attempt in training ends (writing its stop checkpoint, which no longer counts), and the next one
    /// copies the donor's checkpoint and continues from it with the new values; the copy adds an entry to the lineage. A
    /// finished run, or an order already taken, is left as it is.
    /// </summary>
    [Alias("Exploit")] Task Exploit(ExploitOrder order);
    [Alias("GetSnapshot")] Task<RunSnapshot> GetSnapshot();

    /// <summary>The attempt restored <paramref name="fromStep"/> (0: none) and trains from there: history and checkpoint records past it go.</summary>
    [Alias("ReportStarted")] Task<ReportAck> ReportStarted(string trialKey, long fromStep, long totalSteps);

    /// <summary>
    /// Step metrics following the last step the grain holds (an empty batch is the heartbeat). Points at or before it are
    /// ignored, and so is a batch that does not follow on: the answer says from where to resend.
    /// </summary>
    [Alias("ReportProgress")] Task<ReportAck> ReportProgress(string trialKey, IReadOnlyList<MetricPoint> points);

    /// <summary>A checkpoint that landed; sent only once the steps up to it have been acknowledged.</summary>
    [Alias("ReportCheckpoint")] Task ReportCheckpoint(string trialKey, CheckpointRecord checkpoint);

    /// <summary>The attempt's end: Completed, Cancelled, Failed (with the error), or Pending when its worker stopped and it should resume elsewhere.</summary>
    [Alias("ReportFinished")] Task ReportFinished(string trialKey, RunStatus outcome, string? error);
}
