using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansGan.Training.Data;
using OrleansGan.Training.Model;
using OrleansGan.Training.Quality;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>
/// The trainer's SWD against an independent numpy/scipy implementation (swd_reference.py, written from the paper's
/// description and metrics/sliced_wasserstein.py of tkarras/progressive_growing_of_gans), on fixed images. Both sides get
/// the same random draws, which the trainer makes and the test hands over: the neighbourhood centres of each side and
/// the projection directions. So everything else is compared exactly: the pyramid elementwise, and the whole SWD per
/// level to a relative 1e-4 (both work in float32; sums and sorts in another order differ in the last bits).
/// </summary>
public sealed class SwdReferenceTests : IDisposable
{
    const int Images = 24;
    readonly TempDirectory _temp = new();

    [Fact]
    public void Agrees_with_numpy_and_scipy_on_the_pyramid_and_the_distance_per_level()
    {
        var parameters = new SwdParameters { Samples = Images };
        var levelSizes = parameters.LevelSizes(DcganModels.ImageSize);
        Assert.Equal([32, 16], levelSizes);
        using var real = TestImages.Synthetic(_temp["real"], Images, seed: 11);
        using var fake = TestImages.Noisy(TestImages.Synthetic(_temp["fake"], Images, seed: 12), amplitude: 40, seed: 5);

        using var realCentres = NeighbourhoodCentres.Draw(parameters, Images, levelSizes, new Generator(3), CPU);
        var realDescriptors = NeighbourhoodDescriptors.Compute(real, parameters, realCentres);
        using var scorer = new SlicedWassersteinScorer(parameters, realDescriptors, CPU);
        var score = scorer.Score(fake, new Generator(4));
        using var fakeCentres = NeighbourhoodCentres.Draw(parameters, Images, levelSizes, new Generator(4), CPU);
        var pyramid = LaplacianPyramid.Build(real, levelSizes.Count);

        var folder = _temp["reference"];
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(new
        {
            images = Images, levels = levelSizes.Count, neighbourhood_size = parameters.NeighbourhoodSize,
            per_image = parameters.NeighbourhoodsPerImage, repeats = parameters.DirectionRepeats,
        }));
        Write(folder, "real.u8", real);
        Write(folder, "fake.u8", fake);
        for (var level = 0; level < levelSizes.Count; level++)
        {
            Write(folder, $"pyramid{level}.f32", pyramid[level]);
            Write(folder, $"real_centres{level}.i64", stack([realCentres.Y[level], realCentres.X[level]]));
            Write(folder, $"fake_centres{level}.i64", stack([fakeCentres.Y[level], fakeCentres.X[level]]));
            Write(folder, $"directions{level}.f32", scorer.Directions[level]);
        }
        using var reference = JsonDocument.Parse(DebianPython.Run("swd_reference.py", folder));

        var theirs = reference.RootElement.GetProperty("swd").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var ours = levelSizes.Select(size => score.Details[$"swd_{size}"]).ToArray();
        for (var level = 0; level < levelSizes.Count; level++)
        {
            Assert.True(ours[level] > 1, $"level {level}: a distance of {ours[level]} between different sets is implausible");
            Assert.True(Math.Abs(ours[level] - theirs[level]) <= 1e-4 * theirs[level],
                $"level {levelSizes[level]}: ours {ours[level]}, numpy {theirs[level]}");
        }
        Assert.Equal(ours.Average(), score.Value, 10);
        Assert.All(reference.RootElement.GetProperty("pyramid_difference").EnumerateArray(),
            difference => Assert.True(difference.GetDouble() <= 1e-3, $"pyramid level differs from scipy's by {difference}"));
        foreach (var t in realDescriptors.Concat(pyramid)) t.Dispose();
    }

    static void Write(string folder, string name, Tensor tensor)
    {
        using var host = tensor.contiguous().cpu();
        File.WriteAllBytes(Path.Combine(folder, name), host.bytes.ToArray());
    }

    public void Dispose() => _temp.Dispose();
}
