namespace OrleansGan.Training.IO;

/// <summary>
/// A temporary sibling of a target file: written through <see cref="Stream"/>, then moved over the
/// target by <see cref="Commit"/>. Disposing it uncommitted deletes the temporary file.
/// </summary>
sealed class PendingFile : IDisposable
{
    readonly string target;
    readonly string temporary;
    readonly FileStream stream;
    bool committed;

    public PendingFile(string path)
    {
        target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        temporary = TemporarySibling.Of(target, "tmp");
        stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }

    public Stream Stream => stream;

    public void Commit()
    {
        stream.Flush(flushToDisk: true);
        stream.Dispose();
        File.Move(temporary, target, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        if (committed) return;
        stream.Dispose();
        File.Delete(temporary);
    }
}
