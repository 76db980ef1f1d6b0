using Microsoft.Data.Sqlite;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// The SQLite file shared by grain storage and the reminder table. Every operation opens its own
/// pooled connection, because SQLite connections must not be used from several threads at once.
/// </summary>
internal sealed class SqliteDatabase
{
    // Microsoft.Data.Sqlite retries busy and locked errors until the command timeout runs out.
    private const int BusyTimeoutSeconds = 30;

    private readonly string _path;
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>Creates the file, switches it to write-ahead logging and runs the idempotent schema script.</summary>
    public async Task CreateSchemaAsync(string schema, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
