using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Devices;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>
/// What one attempt trains, on a worker thread or in a child trainer process (sent there as one JSON line on its
/// standard input).
/// </summary>
public sealed record TrialRequest(
    IReadOnlyList<KeyValuePair<string, double>> Config,
    string DatasetDirectory,
    string Device,
    string RunDirectory,
    bool Resume,
    string? LibTorchDirectory)
{
    /// <summary>What every summary is scored by, against real statistics cached beside the data set; null scores nothing.</summary>
    public QualityObjective? Objective { get; init; }

    /// <summary>Trains on <paramref name="dataset"/> (read from <see cref="DatasetDirectory"/>); on cancellation, checkpoints first.</summary>
    public TrainingOutcome Train(CifarDataset dataset, ITrainingObserver observer, CancellationToken cancellation)
    {
        Training.Devices.LibTorchDirectory.LoadConfigured(LibTorchDirectory);
        var job = new TrainingJob(RunConfigKeys.FromPairs(Config), dataset, TrainingDevice.Resolve(Device), new RunDirectory(RunDirectory))
        {
            Objective = Objective,
            StatisticsCache = RealStatisticsCache.BesideDataset(DatasetDirectory),
        };
        return job.Run(observer, Resume, checkpointOnCancel: true, cancellation);
    }
}
