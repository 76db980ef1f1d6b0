namespace OrleansGan.Orleans.Tests;

sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orleansgan-cluster-").FullName;
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
