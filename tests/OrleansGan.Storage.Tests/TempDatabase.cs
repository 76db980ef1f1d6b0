using Microsoft.Data.Sqlite;

namespace OrleansGan.Storage.Tests;

/// <summary>A database path inside a fresh folder that does not exist yet; the folder is deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), $"orleansgan-storage-{Guid.NewGuid():N}");

    public string Path => System.IO.Path.Combine(_directory, "orleansgan.db");

    public void Dispose()
    {
        // Pooled connections keep the database and its -wal/-shm files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
