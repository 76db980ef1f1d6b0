namespace OrleansGan.Training.IO;

/// <summary>
/// Puts a directory in place only once it is complete. A directory cannot be renamed over a non-empty
/// one, so an existing target is first moved aside and deleted after the swap; the window in which the
/// target is missing is two renames long, and it never holds a half-written set.
/// </summary>
public static class AtomicDirectory
{
    /// <summary>Lets <paramref name="fill"/> populate a temporary sibling of <paramref name="path"/>, then moves it into place.</summary>
    public static void Write(string path, Action<string> fill)
    {
        var target = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = TemporarySibling.Of(target, "tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            fill(temporary);
            MoveIntoPlace(temporary, target);
        }
        catch
        {
            DeleteIfExists(temporary);
            throw;
        }
    }

    /// <summary>Moves <paramref name="source"/> to <paramref name="path"/>, replacing a directory already there.</summary>
    public static void MoveIntoPlace(string source, string path)
    {
        var target = FullPath(path);
        if (!Directory.Exists(target))
        {
            Directory.Move(source, target);
            return;
        }
        var old = TemporarySibling.Of(target, "old");
        Directory.Move(target, old);
        try
        {
            Directory.Move(source, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        Directory.Delete(old, recursive: true);
    }

    public static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
