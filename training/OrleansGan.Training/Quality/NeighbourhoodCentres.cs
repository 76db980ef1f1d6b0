using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// Where one side's neighbourhoods sit, per pyramid level: for neighbourhood j (of image j / per-image count) a row
/// <see cref="Y"/>[j] and a column <see cref="X"/>[j], each uniform over the positions that keep the whole
/// neighbourhood inside the level.
/// </summary>
public sealed class NeighbourhoodCentres(Tensor[] y, Tensor[] x) : IDisposable
{
    public IReadOnlyList<Tensor> Y { get; } = y;
    public IReadOnlyList<Tensor> X { get; } = x;

    /// <summary>
    /// Draws the centres for <paramref name="images"/> images, level by level (rows, then columns), from a CPU generator,
    /// so that a seed picks the same neighbourhoods on every device.
    /// </summary>
    public static NeighbourhoodCentres Draw(SwdParameters parameters, long images, IReadOnlyList<int> levelSizes, Generator random, Device device)
    {
        var count = images * parameters.NeighbourhoodsPerImage;
        var half = parameters.NeighbourhoodSize / 2;
        var ys = new Tensor[levelSizes.Count];
        var xs = new Tensor[levelSizes.Count];
        for (var level = 0; level < levelSizes.Count; level++)
        {
            using var y = randint(half, levelSizes[level] - half, [count], dtype: ScalarType.Int64, generator: random);
            using var x = randint(half, levelSizes[level] - half, [count], dtype: ScalarType.Int64, generator: random);
            ys[level] = y.to(device, copy: true);
            xs[level] = x.to(device, copy: true);
        }
        return new NeighbourhoodCentres(ys, xs);
    }

    public void Dispose()
    {
        foreach (var t in Y.Concat(X)) t.Dispose();
    }
}
