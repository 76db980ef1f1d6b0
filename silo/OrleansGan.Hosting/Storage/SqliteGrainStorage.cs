using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// Keeps each grain state as one row of a SQLite file, keyed by state name and grain id.
/// ETags are random and compared inside the writing statement, so a stale writer never overwrites.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
        """;

    private readonly string _name;
    private readonly int _initStage;
    private readonly SqliteDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IActivatorProvider activatorProvider)
    {
        _name = name;
        _initStage = options.InitStage;
        _database = new SqliteDatabase(options.DatabasePath);
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(options.GrainStorageSerializer)} is not set for grain storage '{name}'.", nameof(options));
        _activatorProvider = activatorProvider;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            OptionFormattingUtilities.Name<SqliteGrainStorage>(_name),
            _initStage,
            cancellationToken => _database.CreateSchemaAsync(Schema, cancellationToken));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            "SELECT payload, etag FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            ResetToAbsent(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
        grainState.ETag = reader.GetString(1);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var newETag = Guid.NewGuid().ToString("N");
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, stateName, grainId, grainState.ETag is null
            ? """
              INSERT INTO grain_state (state_name, grain_id, payload, etag) VALUES ($stateName, $grainId, $payload, $newETag)
              ON CONFLICT DO NOTHING
              """
            : """
              UPDATE grain_state SET payload = $payload, etag = $newETag
              WHERE state_name = $stateName AND grain_id = $grainId AND etag = $etag
              """);
        command.Parameters.AddWithValue("$payload", _serializer.Serialize(grainState.State).ToArray());
        command.Parameters.AddWithValue("$newETag", newETag);
        if (grainState.ETag is not null)
        {
            command.Parameters.AddWithValue("$etag", grainState.ETag);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw await ConflictAsync(connection, "write", stateName, grainId, grainState.ETag, cancellationToken);
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var cleared = grainState.ETag is null
            ? await ReadETagAsync(connection, stateName, grainId, cancellationToken) is null
            : await DeleteAsync(connection, stateName, grainId, grainState.ETag, cancellationToken);
        if (!cleared)
        {
            throw await ConflictAsync(connection, "clear", stateName, grainId, grainState.ETag, cancellationToken);
        }

        ResetToAbsent(grainState);
    }

    // IGrainStorage requires the overloads without a token; its token overloads default to calling them.
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    private void ResetToAbsent<T>(IGrainState<T> grainState)
    {
        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(
        SqliteConnection connection, string operation, string stateName, GrainId grainId, string? currentETag, CancellationToken cancellationToken)
    {
        var storedETag = await ReadETagAsync(connection, stateName, grainId, cancellationToken);
        return new InconsistentStateException(
            $"ETag conflict on {operation} of state '{stateName}' of grain {grainId} in grain storage '{_name}'.",
            storedETag ?? "(none)",
            currentETag ?? "(none)");
    }

    private static async Task<string?> ReadETagAsync(SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            "SELECT etag FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId");
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<bool> DeleteAsync(SqliteConnection connection, string stateName, GrainId grainId, string etag, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            "DELETE FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId AND etag = $etag");
        command.Parameters.AddWithValue("$etag", etag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, string stateName, GrainId grainId, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$stateName", stateName);
        command.Parameters.AddWithValue("$grainId", grainId.ToString());
        return command;
    }
}
