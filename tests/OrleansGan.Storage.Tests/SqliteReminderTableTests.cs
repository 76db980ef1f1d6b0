using Microsoft.Extensions.Options;
using Orleans.Runtime;
using OrleansGan.Hosting.Storage;

namespace OrleansGan.Storage.Tests;

public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteDatabases _databases = new();

    [Fact]
    public async Task Upserted_reminder_reads_back_with_the_returned_etag()
    {
        var table = await StartTableAsync();
        var entry = Reminder(GrainId.Create("probe", "a"), "checkpoint");

        var etag = await table.UpsertRow(entry);
        var read = await table.ReadRow(entry.GrainId, "checkpoint");

        Assert.NotNull(read);
        Assert.Equal((entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period, etag),
            (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_its_etag()
    {
        var table = await StartTableAsync();
        var entry = Reminder(GrainId.Create("probe", "a"), "checkpoint");
        var firstETag = await table.UpsertRow(entry);

        entry.Period = TimeSpan.FromMinutes(5);
        var secondETag = await table.UpsertRow(entry);
        var rows = await table.ReadRows(entry.GrainId);

        Assert.NotEqual(firstETag, secondETag);
        var row = Assert.Single(rows.Reminders);
        Assert.Equal((TimeSpan.FromMinutes(5), secondETag), (row.Period, row.ETag));
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var table = await StartTableAsync();
        var entry = Reminder(GrainId.Create("probe", "a"), "checkpoint");
        var etag = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(entry.GrainId, "checkpoint", "stale-etag"));
        Assert.NotNull(await table.ReadRow(entry.GrainId, "checkpoint"));
        Assert.True(await table.RemoveRow(entry.GrainId, "checkpoint", etag!));
        Assert.Null(await table.ReadRow(entry.GrainId, "checkpoint"));
        Assert.False(await table.RemoveRow(entry.GrainId, "checkpoint", etag!));
    }

    [Fact]
    public async Task Rows_of_a_grain_are_all_its_reminders_and_only_its()
    {
        var table = await StartTableAsync();
        var grain = GrainId.Create("probe", "a");
        await table.UpsertRow(Reminder(grain, "checkpoint"));
        await table.UpsertRow(Reminder(grain, "summary"));
        await table.UpsertRow(Reminder(GrainId.Create("probe", "b"), "checkpoint"));

        var rows = await table.ReadRows(grain);

        Assert.Equal(["checkpoint", "summary"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Hash_ranges_exclude_begin_include_end_and_wrap_around()
    {
        var table = await StartTableAsync();
        var grains = new[] { "a", "b", "c", "d" }
            .Select(key => GrainId.Create("probe", key))
            .OrderBy(grain => grain.GetUniformHashCode())
            .ToArray();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Reminder(grain, "checkpoint"));
        }

        var hashes = grains.Select(grain => grain.GetUniformHashCode()).ToArray();

        Assert.Equal([grains[1], grains[2]], await GrainsInRange(table, hashes[0], hashes[2]));
        Assert.Equal([grains[0], grains[3]], await GrainsInRange(table, hashes[2], hashes[0]));
        Assert.Equal(grains, await GrainsInRange(table, hashes[1], hashes[1]));
        Assert.Equal(grains, await GrainsInRange(table, uint.MaxValue, uint.MaxValue));
    }

    [Fact]
    public async Task A_new_table_over_the_same_file_sees_existing_reminders()
    {
        var entry = Reminder(GrainId.Create("probe", "a"), "checkpoint");
        var etag = await (await StartTableAsync()).UpsertRow(entry);

        var reopened = await StartTableAsync();

        Assert.Equal(etag, (await reopened.ReadRow(entry.GrainId, "checkpoint"))?.ETag);
    }

    public void Dispose()
    {
        _databases.Dispose();
        _database.Dispose();
    }

    private async Task<SqliteReminderTable> StartTableAsync()
    {
        var table = new SqliteReminderTable(Options.Create(new SqliteReminderOptions { DatabasePath = _database.Path }), _databases);
        await table.StartAsync(CancellationToken.None);
        return table;
    }

    private static ReminderEntry Reminder(GrainId grainId, string name) => new()
    {
        GrainId = grainId,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    private static async Task<GrainId[]> GrainsInRange(SqliteReminderTable table, uint begin, uint end) =>
        (await table.ReadRows(begin, end)).Reminders
            .Select(reminder => reminder.GrainId)
            .OrderBy(grain => grain.GetUniformHashCode())
            .ToArray();
}
