using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// Durable reminders in a SQLite file. Rows carry the grain's uniform hash so that each silo can
/// read the slice of the hash ring it owns.
/// </summary>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at_ticks INTEGER NOT NULL,
            period_ticks INTEGER NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_grain_hash ON reminders (grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, etag";

    private readonly SqliteDatabase _database;

    public SqliteReminderTable(IOptions<SqliteReminderOptions> options, SqliteDatabases databases)
    {
        _database = databases.For(options.Value.DatabasePath);
    }

    // Orleans 10's reminder service starts the table through StartAsync, not Init.
    public Task StartAsync(CancellationToken cancellationToken) => _database.CreateSchemaAsync(Schema);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        new(await _database.RunAsync(connection => ReadEntries(connection,
            $"SELECT {Columns} FROM reminders WHERE grain_id = $grainId",
            ("$grainId", grainId.ToString())), cancellationToken));

    /// <summary>Rows whose grain hash is in (begin, end]; when begin >= end the range wraps around the ring.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        new(await _database.RunAsync(connection => ReadEntries(connection,
            begin < end
                ? $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end"
                : $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end",
            ("$begin", (long)begin), ("$end", (long)end)), cancellationToken));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await _database.RunAsync(connection => ReadEntries(connection,
            $"SELECT {Columns} FROM reminders WHERE grain_id = $grainId AND reminder_name = $reminderName",
            ("$grainId", grainId.ToString()), ("$reminderName", reminderName)), cancellationToken)).SingleOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        await _database.RunAsync(connection => Execute(connection, $"""
            INSERT INTO reminders ({Columns}, grain_hash) VALUES ($grainId, $reminderName, $startAt, $period, $etag, $grainHash)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                start_at_ticks = excluded.start_at_ticks, period_ticks = excluded.period_ticks, etag = excluded.etag
            """,
            ("$grainId", entry.GrainId.ToString()), ("$reminderName", entry.ReminderName),
            ("$startAt", entry.StartAt.ToUniversalTime().Ticks), ("$period", entry.Period.Ticks), ("$etag", etag),
            ("$grainHash", (long)entry.GrainId.GetUniformHashCode())), cancellationToken);
        entry.ETag = etag;
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        await _database.RunAsync(connection => Execute(connection,
            "DELETE FROM reminders WHERE grain_id = $grainId AND reminder_name = $reminderName AND etag = $etag",
            ("$grainId", grainId.ToString()), ("$reminderName", reminderName), ("$etag", eTag)), cancellationToken) == 1;

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        _database.RunAsync(connection => Execute(connection, "DELETE FROM reminders"), cancellationToken);

    // IReminderTable requires the overloads without a token; its token overloads default to calling them.
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static List<ReminderEntry> ReadEntries(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<ReminderEntry>();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
