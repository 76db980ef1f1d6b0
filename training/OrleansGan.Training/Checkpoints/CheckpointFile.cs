using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansGan.Training.IO;

namespace OrleansGan.Training.Checkpoints;

/// <summary>
/// A checkpoint on disk: "OGANCKPT", a JSON header, then the tensors the trainer writes.
/// The SHA-256 of the file sits beside it in sha256sum format; reading verifies it first.
/// </summary>
public static class CheckpointFile
{
    static readonly byte[] Magic = "OGANCKPT"u8.ToArray();

    public static string HashPath(string checkpointPath) => checkpointPath + ".sha256";

    /// <returns>The SHA-256 of the written file, lowercase hex.</returns>
    public static string Write(string path, CheckpointHeader header, Action<BinaryWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(header));
            writeBody(writer);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        AtomicFile.WriteAllBytes(path, bytes);
        AtomicFile.WriteAllText(HashPath(path), $"{sha}  {Path.GetFileName(path)}\n");
        return sha;
    }

    /// <summary>Verifies the hash and returns the header and a reader positioned at the tensors.</summary>
    public static (CheckpointHeader Header, BinaryReader Body, string Sha256) Open(string path)
    {
        if (!File.Exists(path)) throw new CheckpointCorruptException(path, "no such checkpoint");
        var hashPath = HashPath(path);
        if (!File.Exists(hashPath)) throw new CheckpointCorruptException(path, $"missing {Path.GetFileName(hashPath)} beside it (incomplete write?)");
        var expected = File.ReadAllText(hashPath).Split(' ', 2)[0].Trim();
        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointCorruptException(path, $"corrupt: SHA-256 is {actual}, {Path.GetFileName(hashPath)} says {expected}");

        var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new CheckpointCorruptException(path, "not an OrleansGan checkpoint");
            var header = JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString())
                         ?? throw new CheckpointCorruptException(path, "empty header");
            if (header.Format != CheckpointHeader.CurrentFormat)
                throw new CheckpointCorruptException(path, $"checkpoint format {header.Format} is not supported (expected {CheckpointHeader.CurrentFormat})");
            return (header, reader, actual);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            reader.Dispose();
            throw new CheckpointCorruptException(path, $"unreadable: {e.Message}");
        }
    }
}
