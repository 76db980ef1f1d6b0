using System.Diagnostics;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// Scores one run's generator at each summary: a fresh batch of generated images (latent points drawn from the run's
/// seed and the step, so a resumed run scores the same) against the data set's cached real statistics.
/// </summary>
public sealed class QualityScoring : IDisposable
{
    /// <summary>Images generated per forward pass: bounds the memory a score takes beside training.</summary>
    const int GenerateBatch = 256;

    readonly IQualityScorer _scorer;
    readonly int _samples;
    readonly Device _device;

    QualityScoring(IQualityScorer scorer, int samples, Device device) => (_scorer, _samples, _device) = (scorer, samples, device);

    public string Metric => _scorer.Metric;

    /// <param name="statisticsCache">Usually <see cref="RealStatisticsCache.BesideDataset"/>.</param>
    /// <exception cref="QualityObjectiveException">The objective cannot be scored (fid/kid without weights, ...).</exception>
    public static QualityScoring Create(QualityObjective objective, CifarDataset dataset, RealStatisticsCache statisticsCache, Device device)
    {
        if (QualityObjective.MetricReason(objective.Metric) is { } badMetric) throw new QualityObjectiveException($"objective.metric {badMetric}");
        var samples = objective.ResolveSamples(accelerator: device.type != DeviceType.CPU);
        if (QualityObjective.SamplesReason(objective.Metric, samples) is { } badSamples) throw new QualityObjectiveException($"objective.samples {badSamples}");
        var weights = objective.NeedsInceptionWeights ? objective.ResolveInceptionWeights(Environment.GetEnvironmentVariable) : null;
        var context = new ScorerContext(objective.Metric, samples, weights, dataset, statisticsCache, device);
        return new QualityScoring(QualityScorers.Create(context), samples, device);
    }

    /// <summary>Generates the images (the generator in eval mode, without gradients) and scores them.</summary>
    public SummaryScores Score(nn.Module<Tensor, Tensor> generator, int latentDim, long seed, long step)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        using var latentRandom = new Generator(Mix(seed, step));
        using var scoreRandom = new Generator(Mix(seed, -1));
        var images = Generate(generator, latentDim, latentRandom);
        var score = _scorer.Score(images, scoreRandom);
        return new SummaryScores(
            new Dictionary<string, double> { [Metric] = score.Value }, score.Details, clock.Elapsed.TotalSeconds);
    }

    Tensor Generate(nn.Module<Tensor, Tensor> generator, int latentDim, Generator random)
    {
        using var _ = no_grad();
        var wasTraining = generator.training;
        generator.eval();
        try
        {
            var batches = new List<Tensor>();
            for (var start = 0; start < _samples; start += GenerateBatch)
            {
                using var batchScope = NewDisposeScope();
                var latent = randn(Math.Min(GenerateBatch, _samples - start), latentDim, generator: random).to(_device);
                // As a PNG stores them: [-1, 1] to the nearest of 0..255, the real images' own scale.
                batches.Add(generator.call(latent).add(1).mul(127.5).round().clamp(0, 255).to(ScalarType.Byte).MoveToOuterDisposeScope());
            }
            return cat(batches, 0);
        }
        finally
        {
            if (wasTraining) generator.train();
        }
    }

    /// <summary>A generator seed per (run seed, stream): splitmix64's finaliser, so nearby seeds give unrelated streams.</summary>
    static ulong Mix(long seed, long stream)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public void Dispose() => _scorer.Dispose();
}
