using OrleansGan.Training.Imaging;

namespace OrleansGan.Training.Tests.Imaging;

public class ImageGridTests
{
    const int Height = 2, Width = 3, Columns = 2, Padding = 1;

    /// <summary>Image k, channel c, pixel (y, x) has the value 100k + 10c + 3y + x, different everywhere.</summary>
    static byte Value(int k, int c, int y, int x) => (byte)(100 * k + 10 * c + 3 * y + x);

    static byte[] ChwImages(int count)
    {
        var images = new byte[count * 3 * Height * Width];
        for (var k = 0; k < count; k++)
            for (var c = 0; c < 3; c++)
                for (var y = 0; y < Height; y++)
                    for (var x = 0; x < Width; x++)
                        images[((k * 3 + c) * Height + y) * Width + x] = Value(k, c, y, x);
        return images;
    }

    [Fact]
    public void Image_k_lands_in_row_k_over_columns_and_column_k_modulo_columns()
    {
        var grid = ImageGrid.Tile(ChwImages(2), count: 2, Height, Width, Columns, Padding);
        var expected = new bool[grid.Width * grid.Height];

        for (var k = 0; k < 2; k++)
            for (var y = 0; y < Height; y++)
                for (var x = 0; x < Width; x++)
                {
                    var (row, column) = (k / Columns, k % Columns);
                    var gridX = column * (Width + Padding) + x;
                    var gridY = row * (Height + Padding) + y;
                    expected[gridY * grid.Width + gridX] = true;
                    for (var c = 0; c < 3; c++)
                        Assert.Equal(Value(k, c, y, x), grid.Rgb[(gridY * grid.Width + gridX) * 3 + c]);
                }
        Assert.Equal((7, 2), (grid.Width, grid.Height));
        AssertGapEverywhereElse(grid, expected);
    }

    [Fact]
    public void Rows_are_rounded_up_and_an_empty_cell_is_gap()
    {
        var grid = ImageGrid.Tile(ChwImages(5), count: 5, Height, Width, Columns, Padding);

        Assert.Equal((2 * Width + Padding, 3 * Height + 2 * Padding), (grid.Width, grid.Height));
        Assert.Equal(grid.Width * grid.Height * 3, grid.Rgb.Length);
        var lastTop = 2 * (Height + Padding);
        Assert.Equal(Value(4, 2, 1, 2), grid.Rgb[((lastTop + 1) * grid.Width + 2) * 3 + 2]);
        var emptyCell = (lastTop * grid.Width + Width + Padding) * 3;
        Assert.Equal([ImageGrid.GapShade, ImageGrid.GapShade, ImageGrid.GapShade], grid.Rgb[emptyCell..(emptyCell + 3)]);
    }

    [Fact]
    public void Input_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Tile(new byte[10], count: 1, Height, Width, Columns, Padding));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Tile(ChwImages(1), count: 1, Height, Width, columns: 0, Padding));
    }

    static void AssertGapEverywhereElse(RgbImage grid, bool[] covered)
    {
        for (var p = 0; p < covered.Length; p++)
            if (!covered[p])
                Assert.Equal([ImageGrid.GapShade, ImageGrid.GapShade, ImageGrid.GapShade], grid.Rgb[(p * 3)..(p * 3 + 3)]);
    }
}
