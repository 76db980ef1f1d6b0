using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// KID (Binkowski et al. 2018): the unbiased estimate of MMD^2 between two feature sets under the cubic polynomial
/// kernel k(x, y) = (x.y / d + 1)^3, averaged over random subsets drawn without replacement, as torch-fidelity and
/// clean-fid compute it (100 subsets of 1000 by default, the size capped by the smaller set). Float64 throughout,
/// on the device of the first set.
/// </summary>
public static class KernelInceptionDistance
{
    public const int DefaultSubsets = 100;
    public const int DefaultSubsetSize = 1000;

    /// <summary>KID of N1 x D and N2 x D features (N1, N2 of at least 2); the same seed draws the same subsets.</summary>
    public static KidScore Compute(Tensor first, Tensor second, int seed, int subsets = DefaultSubsets, int maxSubsetSize = DefaultSubsetSize)
    {
        if (first.dim() != 2 || second.dim() != 2 || first.shape[1] != second.shape[1])
            throw new ArgumentException($"expected N x D features of one width, got [{string.Join(", ", first.shape)}] and [{string.Join(", ", second.shape)}]");
        ArgumentOutOfRangeException.ThrowIfLessThan(subsets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSubsetSize, 2);
        var size = (int)Math.Min(Math.Min(first.shape[0], second.shape[0]), maxSubsetSize);
        if (size < 2) throw new ArgumentException("KID needs at least 2 feature vectors on each side");
        return Compute(first, second, KidSubsets.Draw(first.shape[0], second.shape[0], size, subsets, seed));
    }

    internal static KidScore Compute(Tensor first, Tensor second, IReadOnlyList<KidSubsets.Pair> draws)
    {
        using var scope = NewDisposeScope();
        var x = first.to(float64);
        var y = second.to(float64, first.device);
        var width = (double)x.shape[1];
        var wholeX = draws[0].First.Length == x.shape[0];
        var wholeY = draws[0].Second.Length == y.shape[0];
        double? withinX = wholeX ? Within(x, width) : null;
        double? withinY = wholeY ? Within(y, width) : null;
        double? across = wholeX && wholeY ? Across(x, y, width) : null;

        var estimates = new double[draws.Count];
        for (var i = 0; i < draws.Count; i++)
        {
            using var subsetScope = NewDisposeScope();
            var xs = wholeX ? x : x.index_select(0, tensor(draws[i].First, device: x.device));
            var ys = wholeY ? y : y.index_select(0, tensor(draws[i].Second, device: y.device));
            estimates[i] = (withinX ?? Within(xs, width)) + (withinY ?? Within(ys, width)) - 2 * (across ?? Across(xs, ys, width));
        }
        var mean = estimates.Average();
        var deviation = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / estimates.Length);
        return new KidScore(mean, deviation, draws.Count, draws[0].First.Length);
    }

    /// <summary>Mean kernel value over pairs of distinct vectors of one set: sum(K) - trace(K) over m(m - 1).</summary>
    static double Within(Tensor set, double width)
    {
        using var kernel = Kernel(set, set, width);
        var m = (double)set.shape[0];
        return (kernel.sum().item<double>() - kernel.trace().item<double>()) / (m * (m - 1));
    }

    /// <summary>Mean kernel value over all pairs across the two sets.</summary>
    static double Across(Tensor first, Tensor second, double width)
    {
        using var kernel = Kernel(first, second, width);
        return kernel.mean().item<double>();
    }

    static Tensor Kernel(Tensor first, Tensor second, double width) =>
        first.matmul(second.t()).div_(width).add_(1).pow_(3);
}
