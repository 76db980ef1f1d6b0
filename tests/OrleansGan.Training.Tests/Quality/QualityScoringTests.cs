using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using OrleansGan.Training.Tests.Training;
using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

public sealed class QualityScoringTests : IDisposable
{
    static readonly RunConfig Short = new()
    {
        Epochs = 2, StepsPerEpoch = 3, BatchSize = 16, SummaryEveryEpochs = 1, EvalSamples = 16, Grid = 3,
    };
    static readonly QualityObjective Swd64 = new() { Metric = QualityMetrics.Swd, Samples = 64 };

    readonly TempDirectory _temp = new();
    readonly CifarDataset _dataset;

    public QualityScoringTests()
    {
        SyntheticCifar.Write(_temp["data"], 200, seed: 4);
        _dataset = CifarBinaryReader.ReadTrain(_temp["data"]);
    }

    RecordingObserver Train(string run, QualityObjective? objective = null)
    {
        var job = new TrainingJob(Short, _dataset, CPU, new RunDirectory(_temp[run]))
        {
            Objective = objective,
            StatisticsCache = RealStatisticsCache.BesideDataset(_temp["data"]),
        };
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, job.Run(observer, resume: false, checkpointOnCancel: false, CancellationToken.None));
        return observer;
    }

    [Fact]
    public void Every_summary_is_scored_into_the_report_and_metrics_jsonl_the_same_for_the_same_seed()
    {
        var first = Train("first", Swd64).Summaries;
        var second = Train("second", Swd64).Summaries;

        Assert.Equal(2, first.Count);
        Assert.All(first, s =>
        {
            Assert.Equal([QualityMetrics.Swd], s.Scores.Keys);
            Assert.True(double.IsFinite(s.Scores[QualityMetrics.Swd]) && s.Scores[QualityMetrics.Swd] > 0);
            Assert.Equal(["swd_16", "swd_32"], s.ScoreDetails.Keys.Order());
            Assert.Equal(s.Scores[QualityMetrics.Swd], s.ScoreDetails.Values.Average(), 10);
            Assert.True(s.ScoreSeconds > 0);
        });
        Assert.Equal(first.Select(s => s.Scores[QualityMetrics.Swd]), second.Select(s => s.Scores[QualityMetrics.Swd]));
        Assert.NotEqual(first[0].Scores[QualityMetrics.Swd], first[1].Scores[QualityMetrics.Swd]);

        var journal = new MetricsJournal(new RunDirectory(_temp["first"]).MetricsPath).Read().Where(l => l.Kind == "summary").ToList();
        Assert.Equal(first.Select(s => s.Scores[QualityMetrics.Swd]), journal.Select(l => l.Summary!.Scores[QualityMetrics.Swd]));
        Assert.Equal(first.Select(s => s.ScoreDetails["swd_32"]), journal.Select(l => l.Summary!.ScoreDetails["swd_32"]));
        Assert.Single(Directory.GetFiles(Path.Combine(_temp["data"], RealStatisticsCache.FolderName)));
    }

    [Fact]
    public void Without_an_objective_nothing_is_scored()
    {
        Assert.All(Train("plain").Summaries, s => Assert.Empty(s.Scores));
        Assert.False(Directory.Exists(Path.Combine(_temp["data"], RealStatisticsCache.FolderName)));
    }

    [Fact]
    public void Fid_and_kid_without_weights_are_refused_naming_the_settings()
    {
        var cache = RealStatisticsCache.BesideDataset(_temp["data"]);
        foreach (var metric in new[] { QualityMetrics.Fid, QualityMetrics.Kid })
        {
            var missing = new QualityObjective { Metric = metric, InceptionWeights = _temp["absent.pth"] };
            var e = Assert.Throws<QualityObjectiveException>(() => QualityScoring.Create(missing, _dataset, cache, CPU));
            Assert.Equal($"{metric} needs pytorch-fid's Inception-v3 weights, and {_temp["absent.pth"]} is not a file", e.Message);
        }
        var unset = new QualityObjective { Metric = QualityMetrics.Fid };
        Assert.Equal(
            "fid needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): set objective.inception_weights " +
            "in the sweep file, --inception-weights for train, or ORLEANSGAN_INCEPTION_WEIGHTS",
            unset.MissingWeightsReason(null));
    }

    [Fact]
    public void An_objective_out_of_range_is_refused_before_anything_is_computed()
    {
        var cache = RealStatisticsCache.BesideDataset(_temp["data"]);
        var e = Assert.Throws<QualityObjectiveException>(() =>
            QualityScoring.Create(Swd64 with { Samples = 9000 }, _dataset, cache, CPU));
        Assert.Equal("objective.samples must be <= 8192 for swd, got 9000", e.Message);
        Assert.Throws<QualityObjectiveException>(() => QualityScoring.Create(Swd64 with { Metric = "is" }, _dataset, cache, CPU));
        Assert.False(Directory.Exists(cache.Directory));
    }

    [Fact]
    public void The_same_images_and_draws_give_the_same_score_and_other_draws_a_close_one()
    {
        var context = new ScorerContext(QualityMetrics.Swd, 64, null, _dataset, RealStatisticsCache.BesideDataset(_temp["data"]), CPU);
        using var scorer = SlicedWassersteinScorer.Create(context);
        using var images = TestImages.Noisy(TestImages.Of(_dataset, 100, 64), amplitude: 20, seed: 3);

        var a = scorer.Score(images, new Generator(1)).Value;
        var b = scorer.Score(images, new Generator(1)).Value;
        var c = scorer.Score(images, new Generator(2)).Value;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.InRange(c, a * 0.8, a * 1.25);
    }

    [Fact]
    public void The_real_sample_is_distinct_images_chosen_by_the_seed()
    {
        var context = new ScorerContext(QualityMetrics.Swd, 64, null, _dataset, RealStatisticsCache.BesideDataset(_temp["data"]), CPU);
        using var first = context.RealImages(0);
        using var again = context.RealImages(0);
        using var other = context.RealImages(1);

        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
        using var flat = first.reshape(64, -1).to(ScalarType.Int64);
        var rows = Enumerable.Range(0, 64).Select(i => string.Join(",", flat[i].data<long>().ToArray().Take(64))).ToHashSet();
        Assert.Equal(64, rows.Count);
    }

    public void Dispose() => _temp.Dispose();
}
