using System.Buffers.Binary;

namespace OrleansGan.Cli.Report;

/// <summary>A PNG as the page embeds it: a data URI, and its size as its header gives it (the page sets it on the img).</summary>
internal sealed record EmbeddedPng(string DataUri, int Width, int Height, int Bytes)
{
    static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <returns>Null when the file is missing or does not start as a PNG does.</returns>
    public static EmbeddedPng? Read(string path) => File.Exists(path) ? From(File.ReadAllBytes(path)) : null;

    public static EmbeddedPng? From(byte[] png)
    {
        // Signature, then the IHDR chunk: length, type, width, height.
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(Signature) || !png.AsSpan(12, 4).SequenceEqual("IHDR"u8)) return null;
        return new EmbeddedPng("data:image/png;base64," + Convert.ToBase64String(png),
            BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), png.Length);
    }
}
