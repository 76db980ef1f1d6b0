using System.Text;
using OrleansGan.Testing;
using OrleansGan.Training.Imaging;

namespace OrleansGan.Training.Tests.Imaging;

public class PngTests
{
    [Fact]
    public void Crc32_matches_the_published_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xAE426082u, Crc32.Append(0, "IEND"u8));
        Assert.Equal(0xCBF43926u, Crc32.Append(Crc32.Append(0, "1234"u8), "56789"u8));
    }

    [Fact]
    public void A_small_image_decodes_to_the_same_pixels()
    {
        var rgb = Pixels(width: 7, height: 5, seed: 1);

        var decoded = PngDecoder.Decode(Png.EncodeRgb(7, 5, rgb));

        Assert.Equal((7, 5), (decoded.Width, decoded.Height));
        Assert.Equal(rgb, decoded.Rgb);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
    }

    [Fact]
    public void Smooth_rows_use_prediction_filters_and_still_decode_exactly()
    {
        const int width = 40, height = 30;
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                rgb[(y * width + x) * 3] = (byte)(3 * x + 5 * y);

        var decoded = PngDecoder.Decode(Png.EncodeRgb(width, height, rgb));

        Assert.Equal(rgb, decoded.Rgb);
        Assert.Contains(decoded.Filters, filter => filter != 0);
    }

    [Fact]
    public void A_large_image_is_split_over_several_idat_chunks()
    {
        var rgb = Pixels(width: 200, height: 150, seed: 2);

        var decoded = PngDecoder.Decode(Png.EncodeRgb(200, 150, rgb));

        Assert.Equal(rgb, decoded.Rgb);
        Assert.True(decoded.ChunkTypes.Count(type => type == "IDAT") > 1);
    }

    [Fact]
    public void WriteRgb_writes_the_encoded_file()
    {
        using var dir = new TempDirectory();
        var path = dir["plots/grid.png"];
        var rgb = Pixels(width: 3, height: 2, seed: 3);

        Png.WriteRgb(path, 3, 2, rgb);

        Assert.Equal(rgb, PngDecoder.Decode(File.ReadAllBytes(path)).Rgb);
    }

    [Fact]
    public void A_pixel_buffer_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Png.EncodeRgb(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Png.EncodeRgb(0, 2, []));
    }

    static byte[] Pixels(int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        new Random(seed).NextBytes(rgb);
        return rgb;
    }
}
