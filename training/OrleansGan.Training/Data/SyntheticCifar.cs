using OrleansGan.Training.IO;

namespace OrleansGan.Training.Data;

/// <summary>
/// Writes a small stand-in for CIFAR-10 in its exact binary format, for tests and quick runs without the
/// download. The images are learnable in a few hundred steps: each class is one solid, thick shape in one colour,
/// jittered in position, size and shade, on a dark plain background that varies a little, with faint pixel noise.
/// The palette leans warm (red over blue), as natural images' channels differ too, so that swapped colour channels
/// are measurably wrong.
/// </summary>
public static class SyntheticCifar
{
    const int MinimumTestImages = 10;

    static readonly (byte R, byte G, byte B)[] ClassColours =
    [
        (230, 40, 40), (40, 200, 60), (60, 110, 235), (240, 220, 40), (220, 60, 200),
        (250, 150, 170), (245, 140, 30), (245, 245, 245), (170, 90, 40), (150, 230, 120),
    ];

    /// <summary>
    /// Writes <paramref name="images"/> training images over data_batch_1..5.bin (at least one each) and
    /// max(10, images / 5) test images into <paramref name="dir"/>, replacing what is there. The same seed
    /// gives the same bytes.
    /// </summary>
    public static void Write(string dir, int images, int seed)
    {
        var files = CifarFormat.TrainFiles.Count;
        if (images < files)
            throw new ArgumentOutOfRangeException(nameof(images),
                $"{images} training images are too few: each of the {files} data_batch files needs one, so at least {files}");
        var random = new Random(seed);
        AtomicDirectory.Write(dir, temporary =>
        {
            for (var file = 0; file < files; file++)
                WriteFile(Path.Combine(temporary, CifarFormat.TrainFiles[file]), images / files + (file < images % files ? 1 : 0), random);
            WriteFile(Path.Combine(temporary, CifarFormat.TestFile), Math.Max(MinimumTestImages, images / files), random);
        });
    }

    static void WriteFile(string path, int records, Random random)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var record = new byte[CifarFormat.RecordBytes];
        for (var i = 0; i < records; i++)
        {
            var label = random.Next(CifarFormat.Classes);
            record[0] = (byte)label;
            Draw(label, random, record.AsSpan(1));
            stream.Write(record);
        }
        stream.Flush(flushToDisk: true);
    }

    static void Draw(int label, Random random, Span<byte> chw)
    {
        const int plane = CifarFormat.Side * CifarFormat.Side;
        var background = random.Next(20, 50);
        var colour = ClassColours[label];
        var shade = 0.8 + 0.2 * random.NextDouble();
        var centreX = 15.5 + random.Next(-4, 5);
        var centreY = 15.5 + random.Next(-4, 5);
        var radius = 8.0 + 3.0 * random.NextDouble();
        for (var y = 0; y < CifarFormat.Side; y++)
            for (var x = 0; x < CifarFormat.Side; x++)
            {
                var pixel = y * CifarFormat.Side + x;
                var inside = Covers(label, x - centreX, y - centreY, radius);
                var noise = random.Next(-2, 3);
                chw[pixel] = Value(inside, colour.R, shade, background, noise);
                chw[plane + pixel] = Value(inside, colour.G, shade, background, noise);
                chw[2 * plane + pixel] = Value(inside, colour.B, shade, background, noise);
            }
    }

    static byte Value(bool inside, byte colour, double shade, int background, int noise) =>
        (byte)Math.Clamp((inside ? colour * shade : background) + noise, 0, 255);

    /// <summary>Whether the shape of class <paramref name="label"/>, centred at the origin, covers the offset (dx, dy).</summary>
    static bool Covers(int label, double dx, double dy, double r)
    {
        var (ax, ay) = (Math.Abs(dx), Math.Abs(dy));
        double Ellipse(double width, double height) => dx * dx / (width * width) + dy * dy / (height * height);
        return label switch
        {
            0 => Ellipse(r, r) <= 1,
            1 => ax <= 0.8 * r && ay <= 0.8 * r,
            2 => dy >= -r && dy <= r && ax <= (dy + r) / 2,
            3 => (ax <= r / 2 && ay <= r) || (ay <= r / 2 && ax <= r),
            4 => Ellipse(r, 0.55 * r) <= 1,
            5 => ax <= 0.45 * r && ay <= r,
            6 => dy >= -r && dy <= r && ax <= (r - dy) / 2,
            7 => ax + ay <= r,
            8 => ax <= r && ay <= 0.45 * r,
            _ => Ellipse(0.55 * r, r) <= 1,
        };
    }
}
