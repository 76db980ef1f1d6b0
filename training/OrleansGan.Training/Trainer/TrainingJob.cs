using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Trainer;

/// <summary>
/// One run from its start, or from a checkpoint it may resume from, to completion or cancellation, writing
/// metrics.jsonl, grids and checkpoints into its run directory. Used alike by `orleansgan train` and by workers.
/// </summary>
public sealed class TrainingJob(RunConfig config, CifarDataset dataset, Device device, RunDirectory directory)
{
    /// <summary>What every summary is scored by; null scores nothing.</summary>
    public QualityObjective? Objective { get; init; }

    /// <summary>Where the data set's real statistics are cached (<see cref="RealStatisticsCache.BesideDataset"/>); needed with an objective.</summary>
    public RealStatisticsCache? StatisticsCache { get; init; }

    /// <summary>
    /// A PBT exploit: the job first copies this checkpoint into its own directory (<see cref="CheckpointAdoption"/>) and
    /// continues from the copy, whatever newer checkpoints <c>resumable</c> names; an "exploit" line in metrics.jsonl
    /// follows the copied step. A copy that does not verify fails the job.
    /// </summary>
    public AdoptedCheckpoint? Adopt { get; init; }

    /// <param name="resumable">
    /// The checkpoints the run may continue from: it resumes from the newest whose file verifies and has the SHA-256 named,
    /// else from step 0, and tells <see cref="ITrainingObserver.OnStarted"/> which. Everything on disk past that point goes
    /// first (other checkpoints, later metrics.jsonl lines), so the directory holds nothing the caller does not know of.
    /// </param>
    /// <param name="stop">Writes a checkpoint of the last step, then returns Cancelled: nothing is lost.</param>
    /// <param name="abandon">Returns Cancelled without a checkpoint: the attempt is no longer the run's.</param>
    public TrainingOutcome Run(ITrainingObserver observer, IReadOnlyCollection<ResumePoint> resumable, CancellationToken stop,
        CancellationToken abandon = default)
    {
        var journal = new MetricsJournal(directory.MetricsPath);
        using var scoring = Objective is null ? null : QualityScoring.Create(Objective, dataset,
            StatisticsCache ?? throw new InvalidOperationException("an objective needs a statistics cache"), device);
        using var data = new TrainingData(dataset, device);
        using var trainer = new GanTrainer(config, data, device, directory) { Scoring = scoring };
        if (Adopt is { } adopt)
        {
            CheckpointAdoption.Copy(adopt, directory);
            resumable = [.. resumable.Where(c => c.Step < adopt.Step), new ResumePoint(adopt.Step, adopt.Sha256)];
            trainer.Restore(directory.CheckpointPath(adopt.Step), adopt.Sha256);
        }
        else RestoreNewestGood(trainer, resumable);
        directory.RemoveCheckpointsExcept(resumable.Where(c => c.Step <= trainer.Step).Select(c => c.Step).ToHashSet());
        journal.TruncateAfter(trainer.Step);
        if (Adopt is { } adopted)
            journal.OnExploit(new ExploitEvent(adopted.Step, adopted.DonorRun, adopted.Sha256, Values(adopted.OldValues), Values(adopted.NewValues)));

        var both = new CompositeObserver(journal, observer);
        using var stopOrAbandon = CancellationTokenSource.CreateLinkedTokenSource(stop, abandon);
        var outcome = trainer.Run(both, stopOrAbandon.Token);
        if (outcome == TrainingOutcome.Cancelled && !abandon.IsCancellationRequested && trainer.Step > 0 && !directory.HasCheckpoint(trainer.Step))
            both.OnSummary(trainer.Summarize());
        return outcome;
    }

    static string Values(IEnumerable<KeyValuePair<string, double>> values) =>
        string.Join(" ", values.Select(v => $"{v.Key}={v.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}"));

    /// <summary>Leaves the trainer at step 0 when no checkpoint is good.</summary>
    void RestoreNewestGood(GanTrainer trainer, IReadOnlyCollection<ResumePoint> resumable)
    {
        foreach (var point in resumable.OrderByDescending(c => c.Step))
        {
            try
            {
                trainer.Restore(directory.CheckpointPath(point.Step), point.Sha256);
                return;
            }
            catch (CheckpointCorruptException)
            {
                // Torn by a crash, or not the file its record names: fall back to the one before (hash and configuration are
                // checked before anything loads).
            }
        }
    }
}
