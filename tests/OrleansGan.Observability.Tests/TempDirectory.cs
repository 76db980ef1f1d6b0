namespace OrleansGan.Observability.Tests;

sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orleansgan-observability-").FullName;
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
