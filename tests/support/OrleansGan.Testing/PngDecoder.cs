using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace OrleansGan.Testing;

/// <summary>
/// Decodes the PNGs the project writes (8-bit RGB, not interlaced), checking what a strict reader checks:
/// signature, chunk CRCs, header fields and chunk order; throws <see cref="InvalidDataException"/> at the first fault.
/// Independent of the project's encoder: the CRC comes from System.IO.Hashing.
/// </summary>
public static class PngDecoder
{
    public sealed record Decoded(int Width, int Height, byte[] Rgb, IReadOnlyList<string> ChunkTypes, IReadOnlyList<byte> Filters);

    public static Decoded Decode(byte[] png)
    {
        Check(png.AsSpan().StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "no PNG signature");
        var types = new List<string>();
        var idat = new MemoryStream();
        int width = 0, height = 0;
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var typeAndData = png.AsSpan(offset + 4, 4 + length);
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            var data = typeAndData[4..];
            Check(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length)) == Crc32.HashToUInt32(typeAndData), $"bad CRC in {type} at byte {offset}");
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Check(data[8..].SequenceEqual((byte[])[8, 2, 0, 0, 0]), "not 8-bit RGB without interlace");
            }
            if (type == "IDAT") idat.Write(data);
            offset += 12 + length;
        }
        Check(types[0] == "IHDR" && types[^1] == "IEND" && types.Skip(1).SkipLast(1).All(type => type == "IDAT"),
            $"chunks {string.Join(", ", types)}: expected IHDR, IDAT..., IEND");

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * 3;
        var filtered = new byte[height * (1 + stride)];
        zlib.ReadExactly(filtered);
        Check(zlib.ReadByte() == -1, "more image data than the header's size");
        var (rgb, filters) = Unfilter(filtered, height, stride);
        return new Decoded(width, height, rgb, types, filters);
    }

    static (byte[] Rgb, List<byte> Filters) Unfilter(byte[] filtered, int height, int stride)
    {
        var rgb = new byte[height * stride];
        var filters = new List<byte>();
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (1 + stride)];
            filters.Add(filter);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= 3 ? rgb[y * stride + i - 3] : 0;
                int b = y > 0 ? rgb[(y - 1) * stride + i] : 0;
                int c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3] : 0;
                var predicted = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    4 => PaethPredictor(a, b, c),
                    _ => throw new InvalidDataException($"row {y} has filter {filter}"),
                };
                rgb[y * stride + i] = (byte)(filtered[y * (1 + stride) + 1 + i] + predicted);
            }
        }
        return (rgb, filters);
    }

    static void Check(bool condition, string fault)
    {
        if (!condition) throw new InvalidDataException($"PNG: {fault}");
    }

    // As written in the PNG specification, section 9.4.
    static int PaethPredictor(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        if (pb <= pc) return b;
        return c;
    }
}
