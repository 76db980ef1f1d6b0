using System.Text;

namespace OrleansGan.Training.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the bytes go to a
/// temporary sibling, are flushed to disk and then renamed over the target. Creates the parent directory.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var pending = new PendingFile(path);
        pending.Stream.Write(bytes);
        pending.Commit();
    }

    public static void Write(string path, Action<Stream> write)
    {
        using var pending = new PendingFile(path);
        write(pending.Stream);
        pending.Commit();
    }

    /// <summary>Writes UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
}
