namespace OrleansGan.Training.Imaging;
// Placeholder until the data branch lands.
public static class ImageGrid
{
    public static RgbImage Tile(ReadOnlySpan<byte> chw, int count, int height, int width, int columns, int padding)
    {
        var rows = (count + columns - 1) / columns;
        int W = columns * width + (columns + 1) * padding, H = rows * height + (rows + 1) * padding;
        var rgb = new byte[W * H * 3];
        for (var k = 0; k < count; k++)
        for (var c = 0; c < 3; c++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            int X = padding + (k % columns) * (width + padding) + x, Y = padding + (k / columns) * (height + padding) + y;
            rgb[(Y * W + X) * 3 + c] = chw[k * 3 * height * width + c * height * width + y * width + x];
        }
        return new RgbImage(W, H, rgb);
    }
}
