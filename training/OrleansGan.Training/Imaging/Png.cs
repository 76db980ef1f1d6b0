using System.Buffers.Binary;
using System.IO.Compression;
using OrleansGan.Training.IO;

namespace OrleansGan.Training.Imaging;

/// <summary>Encodes 8-bit RGB images as PNG (colour type 2, no interlace).</summary>
public static class Png
{
    const int BytesPerPixel = 3;
    const int MaxIdatBytes = 1 << 16;

    static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="rgb">Row-major pixels, R G B interleaved: width * height * 3 bytes.</param>
    public static byte[] EncodeRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != (long)width * height * BytesPerPixel)
            throw new ArgumentException($"{rgb.Length} bytes are not {width}x{height} RGB pixels", nameof(rgb));

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: RGB
        header[10..].Clear(); // deflate, adaptive filtering, no interlace
        WriteChunk(png, "IHDR"u8, header);
        var compressed = Compress(width, height, rgb);
        for (var offset = 0; offset < compressed.Length; offset += MaxIdatBytes)
            WriteChunk(png, "IDAT"u8, compressed.AsSpan(offset, Math.Min(MaxIdatBytes, compressed.Length - offset)));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>Writes the PNG atomically (see <see cref="AtomicFile"/>).</summary>
    public static void WriteRgb(string path, int width, int height, ReadOnlySpan<byte> rgb) =>
        AtomicFile.WriteAllBytes(path, EncodeRgb(width, height, rgb));

    static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Append(Crc32.Append(0, type), data));
        png.Write(number);
    }

    static byte[] Compress(int width, int height, ReadOnlySpan<byte> rgb)
    {
        var stride = width * BytesPerPixel;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var candidates = new byte[5][];
            for (var f = 0; f < candidates.Length; f++) candidates[f] = new byte[1 + stride];
            var above = new byte[stride];
            for (var y = 0; y < height; y++)
            {
                var row = rgb.Slice(y * stride, stride);
                zlib.Write(BestFiltered(row, y == 0 ? above : rgb.Slice((y - 1) * stride, stride), candidates));
            }
        }
        return compressed.ToArray();
    }

    /// <summary>
    /// Filters the row with each of the five PNG filters and keeps the one whose bytes, read as signed,
    /// sum to the least magnitude: the heuristic the PNG specification recommends.
    /// </summary>
    static byte[] BestFiltered(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, byte[][] candidates)
    {
        var best = candidates[0];
        var bestCost = long.MaxValue;
        for (var filter = 0; filter < candidates.Length; filter++)
        {
            var line = candidates[filter];
            line[0] = (byte)filter;
            long cost = 0;
            for (var i = 0; i < row.Length; i++)
            {
                var left = i >= BytesPerPixel ? row[i - BytesPerPixel] : 0;
                var upLeft = i >= BytesPerPixel ? above[i - BytesPerPixel] : 0;
                var value = (byte)(row[i] - Predict(filter, left, above[i], upLeft));
                line[i + 1] = value;
                cost += Math.Abs((int)(sbyte)value);
            }
            if (cost < bestCost) (best, bestCost) = (line, cost);
        }
        return best;
    }

    static int Predict(int filter, int left, int up, int upLeft) => filter switch
    {
        0 => 0,
        1 => left,
        2 => up,
        3 => (left + up) / 2,
        _ => Paeth(left, up, upLeft),
    };

    static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
