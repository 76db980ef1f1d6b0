using System.Diagnostics;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Bench.Scoring;

/// <summary>
/// Trains the run for a few steps, scores it as a summary would, and again, in rounds, so that both see the same load
/// on a shared machine. The real statistics are computed first (into a fresh cache) and timed on their own: a data set
/// pays for them once.
/// </summary>
public sealed class ScoringCostBenchmark(RunConfig config, DataSource data, QualityObjective objective, Device device, int rounds, int stepsPerRound)
{
    /// <summary>CIFAR-10's train set size, for a cifar10 source that is not on this machine: random images of the same count.</summary>
    const int Cifar10TrainImages = 50_000;

    public ScoringReport Run()
    {
        var scratch = Directory.CreateTempSubdirectory("orleansgan-bench-scoring-").FullName;
        try
        {
            var (dataset, describedData) = Dataset(scratch);
            var clock = Stopwatch.StartNew();
            using var scoring = QualityScoring.Create(objective, dataset, new RealStatisticsCache(Path.Combine(scratch, "statistics")), device);
            var realSeconds = clock.Elapsed.TotalSeconds;

            using var trainingData = new TrainingData(dataset, device);
            using var trainer = new GanTrainer(config, trainingData, device, new RunDirectory(Path.Combine(scratch, "run"))) { Scoring = scoring };
            trainer.TrainStep().Dispose();

            var stepSeconds = new List<double>();
            var scoreSeconds = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < stepsPerRound; i++)
                {
                    clock.Restart();
                    using var losses = trainer.TrainStep();
                    using var host = losses.cpu();
                    stepSeconds.Add(clock.Elapsed.TotalSeconds);
                }
                scoreSeconds.Add(trainer.Summarize().ScoreSeconds);
            }
            var stepsPerSummary = (long)trainer.StepsPerEpoch * config.SummaryEveryEpochs;
            return new ScoringReport(describedData, config, scoring.Metric, objective.ResolveSamples(device.type != DeviceType.CPU),
                device.ToString(), get_num_threads(), stepsPerSummary, realSeconds, stepSeconds, scoreSeconds);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    (CifarDataset Dataset, string Described) Dataset(string scratch)
    {
        if (data.Kind == DataSourceKind.Synthetic)
        {
            var directory = Path.Combine(scratch, "synthetic");
            SyntheticCifar.Write(directory, data.SyntheticImages, data.SyntheticSeed);
            return (CifarBinaryReader.ReadTrain(directory), $"synthetic {data.SyntheticImages} images, seed {data.SyntheticSeed}");
        }
        if (Directory.Exists(data.Cifar10Directory)) return (CifarBinaryReader.ReadTrain(data.Cifar10Directory!), $"CIFAR-10 at {data.Cifar10Directory}");
        var random = new Random(1);
        var images = new byte[(long)Cifar10TrainImages * CifarFormat.ImageBytes];
        random.NextBytes(images);
        return (new CifarDataset(images, new byte[Cifar10TrainImages]), $"{Cifar10TrainImages} random images standing in for CIFAR-10 (not on this machine)");
    }
}
