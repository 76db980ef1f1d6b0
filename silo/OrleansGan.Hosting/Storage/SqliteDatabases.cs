using System.Collections.Concurrent;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// A silo's SQLite files, one <see cref="SqliteDatabase"/> (one connection, one thread) each, shared by the grain
/// storage providers and the reminder table that use the same file: one writer per file, so they never wait on each
/// other's locks (Microsoft.Data.Sqlite sleeps 150 ms at a time while a file is locked).
/// </summary>
public sealed class SqliteDatabases : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<SqliteDatabase>> _files = new();

    internal SqliteDatabase For(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return _files.GetOrAdd(Path.GetFullPath(path), full => new Lazy<SqliteDatabase>(() => new SqliteDatabase(full))).Value;
    }

    public void Dispose()
    {
        foreach (var file in _files.Values.Where(f => f.IsValueCreated)) file.Value.Dispose();
    }
}
