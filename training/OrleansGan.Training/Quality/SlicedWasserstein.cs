using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// The sliced Wasserstein distance between two equally large sets of descriptors: project both onto random unit
/// directions, sort each projection, and average the absolute differences of the sorted values (the 1-D Wasserstein
/// distance per direction) over all directions. Every repeat has as many directions, so this equals the reference's
/// mean over repeats of each repeat's mean.
/// </summary>
public static class SlicedWasserstein
{
    /// <summary>
    /// Standard-normal directions (dimensions, count), not yet of unit length, drawn from a CPU generator (the same on
    /// every device) and moved to <paramref name="device"/>.
    /// </summary>
    public static Tensor DrawDirections(long dimensions, int count, Generator random, Device device)
    {
        using var drawn = randn([dimensions, count], generator: random);
        return drawn.to(device, copy: true);
    }

    /// <summary>(M, D) descriptors projected onto each direction (its column scaled to unit length), sorted: (count, M).</summary>
    public static Tensor SortedProjections(Tensor descriptors, Tensor directions)
    {
        using var scope = NewDisposeScope();
        var units = directions / directions.square().sum(0, keepdim: true).sqrt();
        // Directions as rows: each projection is contiguous, which sorts faster than a column.
        var (sorted, _) = units.t().matmul(descriptors.t()).sort(-1);
        return sorted.MoveToOuterDisposeScope();
    }

    /// <param name="sortedA">From <see cref="SortedProjections"/>.</param>
    /// <param name="sortedB">From <see cref="SortedProjections"/> with the same directions and as many descriptors.</param>
    public static double Distance(Tensor sortedA, Tensor sortedB)
    {
        if (!sortedA.shape.SequenceEqual(sortedB.shape))
            throw new ArgumentException($"projections of shapes [{string.Join(",", sortedA.shape)}] and [{string.Join(",", sortedB.shape)}] differ");
        using var difference = sortedA - sortedB;
        return difference.abs_().mean().item<float>();
    }
}
