using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>FID and KID against numpy/scipy (reference_scores.py) on fixed inputs.</summary>
public class ReferenceAgreementTests
{
    [Fact]
    public async Task Fid_agrees_with_scipy_sqrtm()
    {
        var cases = new (string Name, double[,] X, double[,] Y)[]
        {
            ("full rank", FixedFeatures.Correlated(400, 24, seed: 1, shift: 0), FixedFeatures.Correlated(300, 24, seed: 2, shift: 0.3)),
            ("fewer samples than dimensions", FixedFeatures.Correlated(30, 48, seed: 3, shift: 0), FixedFeatures.Correlated(40, 48, seed: 4, shift: 0.1)),
            ("same set", FixedFeatures.Correlated(100, 16, seed: 5, shift: 0), FixedFeatures.Correlated(100, 16, seed: 5, shift: 0)),
        };
        var reference = await NumpyReference.RunAsync(cases.Select(c => NumpyReference.Fid(c.Name, c.X, c.Y)).ToArray());

        foreach (var (name, x, y) in cases)
        {
            using var first = FeatureStatistics.Of(FixedFeatures.ToTensor(x));
            using var second = FeatureStatistics.Of(FixedFeatures.ToTensor(y));
            var fid = FrechetInceptionDistance.Compute(first, second);
            var answer = reference.GetProperty(name);
            var expected = answer.GetProperty("fid").GetDouble();
            var scale = first.Covariance.trace().item<double>() + second.Covariance.trace().item<double>();
            Console.WriteLine($"FID {name}: ours {fid:R}, scipy {expected:R} (offset {answer.GetProperty("offset")}, " +
                $"imaginary part dropped {answer.GetProperty("imaginary").GetDouble():E1}), |difference| / (tr S1 + tr S2) {Math.Abs(fid - expected) / scale:E2}");
            Assert.True(Math.Abs(fid - expected) <= 1e-6 * scale, $"{name}: FID {fid:R}, scipy {expected:R}");
        }
    }

    [Fact]
    public async Task Kid_agrees_with_numpy_on_the_same_subsets()
    {
        var x = FixedFeatures.NonNegative(300, 32, seed: 11, scale: 0.5, shift: 0);
        var y = FixedFeatures.NonNegative(200, 32, seed: 12, scale: 0.6, shift: 0.05);
        var small = FixedFeatures.NonNegative(60, 32, seed: 13, scale: 0.5, shift: 0);
        using var xs = FixedFeatures.ToTensor(x);
        using var ys = FixedFeatures.ToTensor(y);
        using var smalls = FixedFeatures.ToTensor(small);

        var subsets = KernelInceptionDistance.Compute(xs, ys, seed: 7, subsets: 25, maxSubsetSize: 100);
        var capped = KernelInceptionDistance.Compute(smalls, ys, seed: 8, subsets: 10);
        var reference = await NumpyReference.RunAsync(
            NumpyReference.Kid("subsets of 100", x, y, Draws(300, 200, 100, 25, seed: 7)),
            NumpyReference.Kid("capped by the smaller set", small, y, Draws(60, 200, 60, 10, seed: 8)));

        Assert.Equal((25, 100), (subsets.Subsets, subsets.SubsetSize));
        Assert.Equal((10, 60), (capped.Subsets, capped.SubsetSize));
        foreach (var (name, ours) in new[] { ("subsets of 100", subsets), ("capped by the smaller set", capped) })
        {
            var mean = reference.GetProperty(name).GetProperty("mean").GetDouble();
            var std = reference.GetProperty(name).GetProperty("std").GetDouble();
            Console.WriteLine($"KID {name}: ours {ours.Mean:R} ± {ours.StandardDeviation:R}, numpy {mean:R} ± {std:R}");
            Assert.True(std > 0 && mean > 0, $"{name}: the fixed sets differ, so KID and its spread are positive ({mean}, {std})");
            Assert.True(Math.Abs(ours.Mean - mean) <= 1e-9 * Math.Abs(mean), $"{name}: KID {ours.Mean:R}, numpy {mean:R}");
            Assert.True(Math.Abs(ours.StandardDeviation - std) <= 1e-7 * std, $"{name}: KID std {ours.StandardDeviation:R}, numpy {std:R}");
        }
    }

    static IEnumerable<(long[], long[])> Draws(long firstCount, long secondCount, int size, int count, int seed) =>
        KidSubsets.Draw(firstCount, secondCount, size, count, seed).Select(p => (p.First, p.Second));
}
