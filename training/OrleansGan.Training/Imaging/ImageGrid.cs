namespace OrleansGan.Training.Imaging;

/// <summary>Lays equally sized images out in a grid, as the summaries' generated_plot images show them.</summary>
public static class ImageGrid
{
    /// <summary>The grey of the gaps between images and of empty cells in the last row.</summary>
    public const byte GapShade = 128;

    /// <param name="chwImages">
    /// <paramref name="count"/> images of 3 planes (R, G, B), each plane <paramref name="height"/> x <paramref name="width"/> row-major.
    /// </param>
    /// <returns>
    /// Image k in row k / columns and column k % columns, with <paramref name="padding"/> pixels between
    /// neighbours and none around the edge; ceil(count / columns) rows.
    /// </returns>
    public static RgbImage Tile(ReadOnlySpan<byte> chwImages, int count, int height, int width, int columns, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var plane = height * width;
        if (chwImages.Length != (long)count * 3 * plane)
            throw new ArgumentException($"{chwImages.Length} bytes are not {count} images of 3x{height}x{width}", nameof(chwImages));

        var rows = (count + columns - 1) / columns;
        var gridWidth = checked(columns * width + (columns - 1) * padding);
        var gridHeight = checked(rows * height + (rows - 1) * padding);
        var rgb = new byte[checked(gridWidth * gridHeight * 3)];
        rgb.AsSpan().Fill(GapShade);
        for (var k = 0; k < count; k++)
        {
            var image = chwImages.Slice(k * 3 * plane, 3 * plane);
            var left = k % columns * (width + padding);
            var top = k / columns * (height + padding);
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                {
                    var pixel = ((top + y) * gridWidth + left + x) * 3;
                    for (var c = 0; c < 3; c++) rgb[pixel + c] = image[c * plane + y * width + x];
                }
        }
        return new RgbImage(gridWidth, gridHeight, rgb);
    }
}
