using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// What one attempt trains, on a worker thread or in a child trainer process (sent there as one JSON line on its
/// standard input). It resumes from the newest of <see cref="ResumeFrom"/> that verifies: the run grain's records.
/// </summary>
public sealed record TrialRequest(
    IReadOnlyList<KeyValuePair<string, double>> Config,
    string DatasetDirectory,
    string Device,
    string RunDirectory,
    IReadOnlyList<ResumePoint> ResumeFrom,
    string? LibTorchDirectory)
{
    /// <summary>What every summary is scored by, against real statistics cached beside the data set; null scores nothing.</summary>
    public QualityObjective? Objective { get; init; }

    /// <summary>A PBT exploit: the donor's checkpoint to copy into <see cref="RunDirectory"/> and continue from.</summary>
    public AdoptedCheckpoint? Adopt { get; init; }

    /// <summary>Trains on <paramref name="dataset"/> (read from <see cref="DatasetDirectory"/>).</summary>
    /// <param name="stop">Checkpoint first, then stop.</param>
    /// <param name="abandon">Stop and write nothing more.</param>
    public TrainingOutcome Train(CifarDataset dataset, ITrainingObserver observer, CancellationToken stop, CancellationToken abandon)
    {
        Training.Devices.LibTorchDirectory.LoadConfigured(LibTorchDirectory);
        var job = new TrainingJob(RunConfigKeys.FromPairs(Config), dataset, TrainingDevice.Resolve(Device), new RunDirectory(RunDirectory))
        {
            Objective = Objective,
            StatisticsCache = RealStatisticsCache.BesideDataset(DatasetDirectory),
            Adopt = Adopt,
        };
        return job.Run(observer, ResumeFrom, stop, abandon);
    }
}
