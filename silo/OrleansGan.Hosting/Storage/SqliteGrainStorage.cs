using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// Keeps each grain state as one row of a SQLite file, keyed by state name and grain id, written on a thread of its
/// own (<see cref="SqliteDatabase"/>) so that no grain turn waits on the disk. ETags are random and compared inside
/// the writing statement, so a stale writer never overwrites.
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

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IActivatorProvider activatorProvider, SqliteDatabases databases)
    {
        _name = name;
        _initStage = options.InitStage;
        _database = databases.For(options.DatabasePath);
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(options.GrainStorageSerializer)} is not set for grain storage '{name}'.", nameof(options));
        _activatorProvider = activatorProvider;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _initStage, _ => _database.CreateSchemaAsync(Schema));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var row = await _database.RunAsync(connection =>
        {
            using var command = CreateKeyedCommand(connection, stateName, grainId,
                "SELECT payload, etag FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId");
            using var reader = command.ExecuteReader();
            return reader.Read() ? (Payload: reader.GetFieldValue<byte[]>(0), ETag: reader.GetString(1)) : default;
        }, cancellationToken);
        if (row.ETag is null)
        {
            ResetToAbsent(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(row.Payload));
        grainState.ETag = row.ETag;
        grainState.RecordExists = true;
    }

    /// <remarks>The state is serialized before the first await: the grain may change it while the row is written.</remarks>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var currentETag = grainState.ETag;
        var newETag = Guid.NewGuid().ToString("N");
        await _database.RunAsync(connection =>
        {
            using var command = CreateKeyedCommand(connection, stateName, grainId, currentETag is null
                ? """
                  INSERT INTO grain_state (state_name, grain_id, payload, etag) VALUES ($stateName, $grainId, $payload, $newETag)
                  ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE grain_state SET payload = $payload, etag = $newETag
                  WHERE state_name = $stateName AND grain_id = $grainId AND etag = $etag
                  """);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$newETag", newETag);
            if (currentETag is not null)
            {
                command.Parameters.AddWithValue("$etag", currentETag);
            }

            return command.ExecuteNonQuery() == 0 ? throw Conflict(connection, "write", stateName, grainId, currentETag) : true;
        }, cancellationToken);

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var currentETag = grainState.ETag;
        await _database.RunAsync(connection =>
        {
            var cleared = currentETag is null
                ? ReadETag(connection, stateName, grainId) is null
                : Delete(connection, stateName, grainId, currentETag);
            return cleared ? true : throw Conflict(connection, "clear", stateName, grainId, currentETag);
        }, cancellationToken);

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

    private InconsistentStateException Conflict(SqliteConnection connection, string operation, string stateName, GrainId grainId, string? currentETag) =>
        new($"ETag conflict on {operation} of state '{stateName}' of grain {grainId} in grain storage '{_name}'.",
            ReadETag(connection, stateName, grainId) ?? "(none)",
            currentETag ?? "(none)");

    private static string? ReadETag(SqliteConnection connection, string stateName, GrainId grainId)
    {
        using var command = CreateKeyedCommand(connection, stateName, grainId,
            "SELECT etag FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId");
        return (string?)command.ExecuteScalar();
    }

    private static bool Delete(SqliteConnection connection, string stateName, GrainId grainId, string etag)
    {
        using var command = CreateKeyedCommand(connection, stateName, grainId,
            "DELETE FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId AND etag = $etag");
        command.Parameters.AddWithValue("$etag", etag);
        return command.ExecuteNonQuery() == 1;
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
