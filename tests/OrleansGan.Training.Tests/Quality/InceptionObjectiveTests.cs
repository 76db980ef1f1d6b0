using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Tests.Training;
using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>FID and KID as a run's objective, with a weights file of pytorch-fid's names and shapes written here.</summary>
public sealed class InceptionObjectiveTests : IDisposable
{
    static readonly RunConfig OneSummary = new()
    {
        Epochs = 1, StepsPerEpoch = 2, BatchSize = 16, SummaryEveryEpochs = 1, EvalSamples = 16, Grid = 3,
    };

    readonly TempDirectory _temp = new();
    readonly CifarDataset _dataset;
    readonly string _weights;

    public InceptionObjectiveTests()
    {
        SyntheticCifar.Write(_temp["data"], 100, seed: 6);
        _dataset = CifarBinaryReader.ReadTrain(_temp["data"]);
        _weights = PytorchFidStateDict.WriteRandom(_temp["inception.pth"], seed: 7);
    }

    string CacheFolder => Path.Combine(_temp["data"], RealStatisticsCache.FolderName);

    SummaryReport TrainOneSummary(string run, string metric)
    {
        var job = new TrainingJob(OneSummary, _dataset, CPU, new RunDirectory(_temp[run]))
        {
            Objective = new QualityObjective { Metric = metric, Samples = QualityObjective.MinSamples, InceptionWeights = _weights },
            StatisticsCache = RealStatisticsCache.BesideDataset(_temp["data"]),
        };
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, job.Run(observer, [], CancellationToken.None));
        return Assert.Single(observer.Summaries);
    }

    [Fact]
    public void Fid_and_kid_score_the_summary_into_metrics_jsonl_sharing_one_cached_real_side()
    {
        var fid = TrainOneSummary("fid", QualityMetrics.Fid);
        var cached = Assert.Single(Directory.GetFiles(CacheFolder));
        var written = File.GetLastWriteTimeUtc(cached);
        var kid = TrainOneSummary("kid", QualityMetrics.Kid);

        Assert.Equal([QualityMetrics.Fid], fid.Scores.Keys);
        Assert.Equal(["kid", "kid_std"], fid.ScoreDetails.Keys.Order());
        Assert.True(double.IsFinite(fid.Scores[QualityMetrics.Fid]) && fid.Scores[QualityMetrics.Fid] > 0, $"fid {fid.Scores[QualityMetrics.Fid]}");
        Assert.Equal([QualityMetrics.Kid], kid.Scores.Keys);
        Assert.Equal(["fid", "kid_std"], kid.ScoreDetails.Keys.Order());
        Assert.Equal(fid.ScoreDetails[QualityMetrics.Kid], kid.Scores[QualityMetrics.Kid], 12);
        Assert.Equal(fid.Scores[QualityMetrics.Fid], kid.ScoreDetails[QualityMetrics.Fid], 9);

        Assert.Equal([cached], Directory.GetFiles(CacheFolder));
        Assert.Equal(written, File.GetLastWriteTimeUtc(cached));
        Assert.StartsWith("inception-pool3-", Path.GetFileName(cached));

        var journal = new MetricsJournal(new RunDirectory(_temp["fid"]).MetricsPath).Read().Single(l => l.Kind == "summary");
        Assert.Equal(fid.Scores[QualityMetrics.Fid], journal.Summary!.Scores[QualityMetrics.Fid]);
        Assert.Equal(fid.ScoreDetails["kid_std"], journal.Summary.ScoreDetails["kid_std"]);
    }

    [Fact]
    public void Weights_that_are_not_pytorch_fids_are_refused_before_anything_is_cached()
    {
        var other = _temp["other.pth"];
        File.WriteAllText(other, "not a state dict");
        var objective = new QualityObjective { Metric = QualityMetrics.Fid, Samples = QualityObjective.MinSamples, InceptionWeights = other };

        var e = Assert.Throws<QualityObjectiveException>(() =>
            QualityScoring.Create(objective, _dataset, RealStatisticsCache.BesideDataset(_temp["data"]), CPU));

        Assert.StartsWith($"Inception weights {other}: ", e.Message);
        Assert.False(Directory.Exists(CacheFolder));
    }

    public void Dispose() => _temp.Dispose();
}
