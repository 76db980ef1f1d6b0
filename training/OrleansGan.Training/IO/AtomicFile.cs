namespace OrleansGan.Training.IO;

// Placeholder until the data branch lands; replaced by its AtomicFile.
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var f = File.Create(temp)) { f.Write(bytes); f.Flush(true); }
        File.Move(temp, path, true);
    }
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
