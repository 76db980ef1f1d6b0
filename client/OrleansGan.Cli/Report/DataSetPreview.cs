using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Data;
using OrleansGan.Training.Imaging;

namespace OrleansGan.Cli.Report;

/// <summary>The first images of the set a sweep trained on, tiled as the sample grids are, so real and generated can be compared.</summary>
internal static class DataSetPreview
{
    public static string Describe(DataSource data) => data.Kind == DataSourceKind.Synthetic
        ? $"synthetic: {data.SyntheticImages:N0} generated images (seed {data.SyntheticSeed})"
        : $"CIFAR-10 in {data.Cifar10Directory}";

    /// <summary>Where this machine sees the set's binary files; null when it does not.</summary>
    public static string? Directory(DataSource data, string? artifactRoot)
    {
        var directory = data.Cifar10Directory ?? (artifactRoot is null ? null : ArtifactPaths.Resolve(artifactRoot, ArtifactPaths.SyntheticDataset(data)));
        return directory is not null && File.Exists(Path.Combine(directory, CifarFormat.TrainFiles[0])) ? directory : null;
    }

    /// <summary>The first side x side images of the first training file, as one PNG grid; null when it holds none.</summary>
    public static EmbeddedPng? Grid(string directory, int side)
    {
        using var file = File.OpenRead(Path.Combine(directory, CifarFormat.TrainFiles[0]));
        var count = (int)Math.Min(side * side, file.Length / CifarFormat.RecordBytes);
        if (count == 0) return null;
        var images = new byte[count * CifarFormat.ImageBytes];
        var record = new byte[CifarFormat.RecordBytes];
        for (var i = 0; i < count; i++)
        {
            file.ReadExactly(record);
            record.AsSpan(1).CopyTo(images.AsSpan(i * CifarFormat.ImageBytes));
        }
        var grid = ImageGrid.Tile(images, count, CifarFormat.Side, CifarFormat.Side, side, padding: 2);
        return EmbeddedPng.From(Png.EncodeRgb(grid.Width, grid.Height, grid.Rgb));
    }
}
