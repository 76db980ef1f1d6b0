using System.Globalization;

namespace OrleansGan.Training.Quality;

/// <summary>
/// The settings of the sliced Wasserstein distance, Karras et al. 2018 (Progressive GAN, metrics/sliced_wasserstein.py)
/// unless a test says otherwise. Every one of them changes the real side's descriptors or their meaning, so all are
/// part of the real-statistics cache key.
/// </summary>
public sealed record SwdParameters
{
    /// <summary>Images on each side: the real descriptors are taken from this many real images, the fakes are as many.</summary>
    public required int Samples { get; init; }

    public int NeighbourhoodSize { get; init; } = 7;
    public int NeighbourhoodsPerImage { get; init; } = 128;
    public int DirectionRepeats { get; init; } = 4;
    public int DirectionsPerRepeat { get; init; } = 128;

    /// <summary>The pyramid goes down to this size: 32x32 images give levels at 32 and 16.</summary>
    public int SmallestLevel { get; init; } = 16;

    /// <summary>Seeds the choice of real images and of their neighbourhoods, so that every run compares against the same real side.</summary>
    public long RealSeed { get; init; }

    /// <summary>
    /// Seeds the projection directions, drawn once per scorer rather than per score (the reference draws them per call):
    /// every run and summary is measured along the same directions, so scores compare with less noise, and the real
    /// side's sorted projections are computed once. The descriptors do not depend on it, so it is no part of the cache key.
    /// </summary>
    public long DirectionSeed { get; init; } = 1;

    /// <summary>The level sizes for square images of side <paramref name="imageSize"/>, largest first.</summary>
    public IReadOnlyList<int> LevelSizes(int imageSize)
    {
        var sizes = new List<int>();
        for (var size = imageSize; size >= SmallestLevel; size /= 2) sizes.Add(size);
        return sizes;
    }

    public IReadOnlyList<KeyValuePair<string, string>> CacheParameters() =>
    [
        Pair("samples", Samples), Pair("neighbourhood_size", NeighbourhoodSize), Pair("neighbourhoods_per_image", NeighbourhoodsPerImage),
        Pair("smallest_level", SmallestLevel), Pair("real_seed", RealSeed),
    ];

    static KeyValuePair<string, string> Pair(string name, long value) => KeyValuePair.Create(name, value.ToString(CultureInfo.InvariantCulture));
}
