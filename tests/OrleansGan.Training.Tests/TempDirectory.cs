namespace OrleansGan.Training.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orleansgan-test-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string[] Entries() =>
        Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
