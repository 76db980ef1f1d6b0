namespace OrleansGan.Training.IO;

static class TemporarySibling
{
    /// <summary>
    /// A unique hidden path next to <paramref name="fullPath"/>, such as ".name.tmp-1f0c…": the same
    /// directory keeps the final rename on one file system, so it is atomic.
    /// </summary>
    public static string Of(string fullPath, string purpose) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{purpose}-{Guid.NewGuid():N}");
}
