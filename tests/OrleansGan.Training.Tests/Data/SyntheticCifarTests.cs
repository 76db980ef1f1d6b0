using OrleansGan.Training.Data;

namespace OrleansGan.Training.Tests.Data;

public sealed class SyntheticCifarTests : IDisposable
{
    readonly TempDirectory dir = new();

    static string[] AllFiles => [.. CifarFormat.TrainFiles, CifarFormat.TestFile];

    byte[][] Contents(string set) => AllFiles.Select(name => File.ReadAllBytes(Path.Combine(dir[set], name))).ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        SyntheticCifar.Write(dir["a"], images: 12, seed: 5);
        SyntheticCifar.Write(dir["b"], images: 12, seed: 5);
        SyntheticCifar.Write(dir["c"], images: 12, seed: 6);

        Assert.Equal(Contents("a"), Contents("b"));
        Assert.NotEqual(Contents("a")[0], Contents("c")[0]);
    }

    [Fact]
    public void Images_are_split_as_evenly_as_possible_with_a_test_batch_of_at_least_ten()
    {
        SyntheticCifar.Write(dir.Path, images: 58, seed: 1);

        var records = AllFiles.Select(name => new FileInfo(dir[name]).Length / CifarFormat.RecordBytes);

        Assert.Equal([12L, 12, 12, 11, 11, 11], records);
        SyntheticCifar.Write(dir.Path, images: 5, seed: 1);
        Assert.Equal(10, CifarBinaryReader.ReadTest(dir.Path).Count);
    }

    [Fact]
    public void Every_class_has_its_own_mean_colour()
    {
        SyntheticCifar.Write(dir.Path, images: 500, seed: 2);
        var train = CifarBinaryReader.ReadTrain(dir.Path);

        var means = Enumerable.Range(0, CifarFormat.Classes).Select(label => MeanColour(train, label)).ToArray();

        for (var a = 0; a < means.Length; a++)
            for (var b = a + 1; b < means.Length; b++)
                Assert.True(Distance(means[a], means[b]) > 10, $"classes {a} and {b} look alike: {means[a]} vs {means[b]}");
    }

    [Fact]
    public void The_classes_are_learnable_by_the_nearest_mean_image()
    {
        SyntheticCifar.Write(dir.Path, images: 500, seed: 3);
        var train = CifarBinaryReader.ReadTrain(dir.Path);
        var test = CifarBinaryReader.ReadTest(dir.Path);
        var centroids = Enumerable.Range(0, CifarFormat.Classes).Select(label => MeanImage(train, label)).ToArray();

        var correct = Enumerable.Range(0, test.Count).Count(i =>
            Enumerable.Range(0, CifarFormat.Classes).MinBy(label => SquaredDistance(test.Image(i), centroids[label])) == test.Labels[i]);

        Assert.True(correct >= 0.8 * test.Count, $"{correct} of {test.Count} classified right");
    }

    [Fact]
    public void Writing_again_replaces_the_set_and_leaves_no_temporary_folder()
    {
        var set = dir["set"];
        SyntheticCifar.Write(set, images: 50, seed: 1);
        SyntheticCifar.Write(set, images: 10, seed: 1);

        Assert.Equal(10, CifarBinaryReader.ReadTrain(set).Count);
        Assert.Equal(["set"], dir.Entries());
    }

    [Fact]
    public void Fewer_than_five_images_are_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCifar.Write(dir["set"], images: 4, seed: 1));

        Assert.Equal("images", e.ParamName);
        Assert.Contains("at least 5", e.Message);
        Assert.Empty(dir.Entries());
    }

    static (double R, double G, double B) MeanColour(CifarDataset set, int label)
    {
        var image = MeanImage(set, label);
        const int plane = CifarFormat.Side * CifarFormat.Side;
        return (image[..plane].Average(), image[plane..(2 * plane)].Average(), image[(2 * plane)..].Average());
    }

    static double[] MeanImage(CifarDataset set, int label)
    {
        var sum = new double[CifarFormat.ImageBytes];
        var count = 0;
        for (var i = 0; i < set.Count; i++)
        {
            if (set.Labels[i] != label) continue;
            var image = set.Image(i);
            for (var p = 0; p < sum.Length; p++) sum[p] += image[p];
            count++;
        }
        Assert.True(count > 0, $"class {label} has no image");
        return sum.Select(s => s / count).ToArray();
    }

    static double Distance((double R, double G, double B) a, (double R, double G, double B) b) =>
        Math.Sqrt((a.R - b.R) * (a.R - b.R) + (a.G - b.G) * (a.G - b.G) + (a.B - b.B) * (a.B - b.B));

    static double SquaredDistance(ReadOnlySpan<byte> image, double[] centroid)
    {
        var sum = 0.0;
        for (var p = 0; p < centroid.Length; p++) sum += (image[p] - centroid[p]) * (image[p] - centroid[p]);
        return sum;
    }

    public void Dispose() => dir.Dispose();
}
