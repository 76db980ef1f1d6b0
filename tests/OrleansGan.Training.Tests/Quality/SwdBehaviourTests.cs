using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// What SWD must say about image sets whose quality is known: a second sample of the real set scores far better than
/// noise, flat images or swapped colours, and the score worsens step by step as images are blurred or noised more.
/// The real side is half of a synthetic set; "another real sample" is drawn from the other half.
/// </summary>
public sealed class SwdBehaviourTests : IClassFixture<SwdBehaviourTests.Sets>
{
    const int Samples = 256;
    readonly Sets _sets;

    public SwdBehaviourTests(Sets sets) => _sets = sets;

    [Fact]
    public void Another_real_sample_scores_far_below_noise_flat_images_and_swapped_colours()
    {
        var real = _sets.Score(_sets.OtherReal.clone());
        var noise = _sets.Score(TestImages.Uniform(Samples, seed: 1));
        var flat = _sets.Score(TestImages.Flat(Samples, seed: 2));
        var swapped = _sets.Score(TestImages.ColourSwapped(_sets.OtherReal));

        var worst = Math.Min(noise, Math.Min(flat, swapped));
        Assert.True(real * 5 < worst, $"real {real:F1}, noise {noise:F1}, flat {flat:F1}, colour-swapped {swapped:F1}");
    }

    [Fact]
    public void Rises_with_every_further_blur()
    {
        var scores = new[] { 0, 1, 2, 4, 8 }.Select(passes => _sets.Score(TestImages.Blurred(_sets.OtherReal, passes))).ToArray();

        AssertRising(scores, "binomial blur passes 0, 1, 2, 4, 8");
    }

    [Fact]
    public void Rises_with_every_further_noise()
    {
        var scores = new[] { 0, 8, 16, 32, 64 }.Select(sigma => _sets.Score(sigma == 0 ? _sets.OtherReal.clone() : TestImages.Noisy(_sets.OtherReal.clone(), sigma, seed: 9))).ToArray();

        AssertRising(scores, "Gaussian noise of sigma 0, 8, 16, 32, 64 grey levels");
    }

    static void AssertRising(double[] scores, string what)
    {
        for (var i = 1; i < scores.Length; i++)
            Assert.True(scores[i] > scores[i - 1], $"{what}: {string.Join(", ", scores.Select(s => s.ToString("F1")))}");
    }

    public sealed class Sets : IDisposable
    {
        readonly TempDirectory _temp = new();
        readonly SlicedWassersteinScorer _scorer;

        public Sets()
        {
            SyntheticCifar.Write(_temp["set"], 3000, seed: 21);
            var all = CifarBinaryReader.ReadTrain(_temp["set"]);
            var half = all.Count / 2;
            var realHalf = new CifarDataset(all.Images[..(half * CifarFormat.ImageBytes)], all.Labels[..half]);
            var cache = new RealStatisticsCache(_temp["statistics"]);
            _scorer = SlicedWassersteinScorer.Create(new ScorerContext(QualityMetrics.Swd, Samples, null, realHalf, cache, CPU));
            OtherReal = TestImages.Of(all, half, Samples);
        }

        /// <summary>Images of the other half, never part of the real side.</summary>
        public Tensor OtherReal { get; }

        /// <summary>Scores the images (and disposes them), with the same draws every time.</summary>
        public double Score(Tensor images)
        {
            using var _ = images;
            return _scorer.Score(images, new Generator(7)).Value;
        }

        public void Dispose()
        {
            _scorer.Dispose();
            OtherReal.Dispose();
            _temp.Dispose();
        }
    }
}
