using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Trainer;

/// <summary>
/// One run from start (or its last good checkpoint) to completion or cancellation, writing
/// metrics.jsonl, grids and checkpoints into its run directory. Used alike by `orleansgan train` and by workers.
/// </summary>
public sealed class TrainingJob(RunConfig config, CifarDataset dataset, Device device, RunDirectory directory)
{
    /// <summary>What every summary is scored by; null scores nothing.</summary>
    public QualityObjective? Objective { get; init; }

    /// <summary>Where the data set's real statistics are cached (<see cref="RealStatisticsCache.BesideDataset"/>); needed with an objective.</summary>
    public RealStatisticsCache? StatisticsCache { get; init; }

    /// <param name="resume">Continue from the newest checkpoint that verifies, if any.</param>
    /// <param name="checkpointOnCancel">On cancellation, write a checkpoint of the last step first, so nothing is lost.</param>
    public TrainingOutcome Run(ITrainingObserver observer, bool resume, bool checkpointOnCancel, CancellationToken cancellation)
    {
        var journal = new MetricsJournal(directory.MetricsPath);
        using var scoring = Objective is null ? null : QualityScoring.Create(Objective, dataset,
            StatisticsCache ?? throw new InvalidOperationException("an objective needs a statistics cache"), device);
        using var data = new TrainingData(dataset, device);
        using var trainer = new GanTrainer(config, data, device, directory) { Scoring = scoring };
        journal.TruncateAfter(resume ? RestoreLatestGoodCheckpoint(trainer) : 0);
        var both = new CompositeObserver(journal, observer);
        var outcome = trainer.Run(both, cancellation);
        if (outcome == TrainingOutcome.Cancelled && checkpointOnCancel && trainer.Step > 0 && !directory.HasCheckpoint(trainer.Step))
            both.OnSummary(trainer.Summarize());
        return outcome;
    }

    /// <returns>The step restored, 0 when no checkpoint verifies.</returns>
    long RestoreLatestGoodCheckpoint(GanTrainer trainer)
    {
        foreach (var (_, path) in directory.Checkpoints())
        {
            try
            {
                trainer.Restore(path);
                return trainer.Step;
            }
            catch (CheckpointCorruptException)
            {
                // A checkpoint torn by a crash: fall back to the one before it (Restore overwrites all state).
            }
        }
        return 0;
    }
}
