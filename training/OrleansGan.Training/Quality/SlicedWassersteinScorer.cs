using System.Globalization;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Model;
using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// SWD as Karras et al. 2018 report it: per pyramid level the sliced Wasserstein distance between the real and the
/// generated images' neighbourhood descriptors, times 1e3; the score is their mean. The real descriptors come from the
/// cache, computed once per data set and sample count; their sorted projections are computed once per scorer.
/// </summary>
public sealed class SlicedWassersteinScorer : IQualityScorer
{
    readonly SwdParameters _parameters;
    readonly IReadOnlyList<int> _levelSizes;
    readonly Tensor[] _directions;
    readonly Tensor[] _realSorted;
    readonly Device _device;

    /// <param name="realDescriptors">Per level, from <see cref="NeighbourhoodDescriptors.Compute"/> on as many real images as
    /// <see cref="SwdParameters.Samples"/>; only read here.</param>
    public SlicedWassersteinScorer(SwdParameters parameters, IReadOnlyList<Tensor> realDescriptors, Device device)
    {
        _parameters = parameters;
        _levelSizes = parameters.LevelSizes(DcganModels.ImageSize);
        _device = device;
        using var random = new Generator(unchecked((ulong)parameters.DirectionSeed));
        _directions = [.. realDescriptors.Select(real =>
            SlicedWasserstein.DrawDirections(real.shape[1], parameters.DirectionRepeats * parameters.DirectionsPerRepeat, random, device))];
        _realSorted = [.. realDescriptors.Select((real, level) =>
        {
            using var onDevice = real.to(device, copy: true);
            return SlicedWasserstein.SortedProjections(onDevice, _directions[level]);
        })];
    }

    public string Metric => QualityMetrics.Swd;

    /// <summary>Each level's directions (dimensions, repeats x per repeat), drawn from <see cref="SwdParameters.DirectionSeed"/>.</summary>
    public IReadOnlyList<Tensor> Directions => _directions;

    public static SlicedWassersteinScorer Create(ScorerContext context) => Create(context, new SwdParameters { Samples = context.Samples });

    public static SlicedWassersteinScorer Create(ScorerContext context, SwdParameters parameters)
    {
        var key = new RealStatisticsKey(context.DatasetIdentity, QualityMetrics.Swd, parameters.CacheParameters());
        var stored = context.Cache.GetOrCompute(key, () => RealDescriptors(context, parameters));
        try
        {
            var levels = parameters.LevelSizes(DcganModels.ImageSize).Count;
            return new SlicedWassersteinScorer(parameters, [.. Enumerable.Range(0, levels).Select(level => stored[LevelName(level)])], context.Device);
        }
        finally
        {
            foreach (var t in stored.Values) t.Dispose();
        }
    }

    /// <summary>The real side's standardised descriptors for every level, from the context's real sample.</summary>
    public static IReadOnlyDictionary<string, Tensor> RealDescriptors(ScorerContext context, SwdParameters parameters)
    {
        using var images = context.RealImages(parameters.RealSeed);
        using var random = new Generator(unchecked((ulong)parameters.RealSeed));
        using var centres = NeighbourhoodCentres.Draw(parameters, images.shape[0], parameters.LevelSizes(DcganModels.ImageSize), random, context.Device);
        var levels = NeighbourhoodDescriptors.Compute(images, parameters, centres);
        return levels.Select((d, level) => KeyValuePair.Create(LevelName(level), d)).ToDictionary();
    }

    /// <summary><paramref name="random"/> draws the generated images' neighbourhood centres (<see cref="NeighbourhoodCentres.Draw"/>) and nothing else.</summary>
    public QualityScore Score(Tensor images, Generator random)
    {
        if (images.shape[0] != _parameters.Samples)
            throw new ArgumentException($"SWD compares {_parameters.Samples} images with as many real ones, got {images.shape[0]}", nameof(images));
        using var centres = NeighbourhoodCentres.Draw(_parameters, images.shape[0], _levelSizes, random, _device);
        var fake = NeighbourhoodDescriptors.Compute(images, _parameters, centres);
        try
        {
            var details = new Dictionary<string, double>();
            for (var level = 0; level < fake.Length; level++)
            {
                using var sorted = SlicedWasserstein.SortedProjections(fake[level], _directions[level]);
                details[$"{Metric}_{_levelSizes[level].ToString(CultureInfo.InvariantCulture)}"] =
                    SlicedWasserstein.Distance(_realSorted[level], sorted) * 1e3;
            }
            return new QualityScore(details.Values.Average(), details);
        }
        finally
        {
            foreach (var t in fake) t.Dispose();
        }
    }

    static string LevelName(int level) => $"level{level}";

    public void Dispose()
    {
        foreach (var t in _directions.Concat(_realSorted)) t.Dispose();
    }
}
