using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansGan.Hosting.Storage;

namespace OrleansGan.Storage.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "probe";

    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private readonly TempDatabase _database = new();
    private readonly List<SqliteDatabases> _databases = [new()];
    private readonly GrainId _grainId = GrainId.Create("probe", "experiment-7");

    [Fact]
    public async Task Written_state_reads_back_with_the_write_etag()
    {
        var storage = await StartStorageAsync();

        var written = await WriteNewAsync(storage, "lr=2e-4");
        var read = await ReadAsync(storage);

        Assert.Equal("lr=2e-4", read.State?.Note);
        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task Missing_state_reads_as_a_fresh_instance_without_etag()
    {
        var storage = await StartStorageAsync();
        var read = new GrainState<ProbeState>(new ProbeState { Note = "stale" }, "stale-etag") { RecordExists = true };

        await storage.ReadStateAsync(StateName, _grainId, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Null(read.State.Note);
    }

    [Fact]
    public async Task State_names_and_grains_do_not_share_rows()
    {
        var storage = await StartStorageAsync();
        await WriteNewAsync(storage, "probe");

        Assert.False((await ReadAsync(storage, stateName: "archive")).RecordExists);
        Assert.False((await ReadAsync(storage, GrainId.Create("probe", "experiment-8"))).RecordExists);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_and_keeps_the_stored_state()
    {
        var storage = await StartStorageAsync();
        var current = await WriteNewAsync(storage, "first");
        var staleETag = current.ETag;
        current.State = new ProbeState { Note = "second" };
        await storage.WriteStateAsync(StateName, _grainId, current);

        var stale = new GrainState<ProbeState>(new ProbeState { Note = "stale" }, staleETag);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grainId, stale));

        Assert.Equal(current.ETag, conflict.StoredEtag);
        Assert.Equal(staleETag, conflict.CurrentEtag);
        Assert.Equal("second", (await ReadAsync(storage)).State?.Note);
    }

    [Fact]
    public async Task Writing_new_state_over_an_existing_row_throws()
    {
        var storage = await StartStorageAsync();
        await WriteNewAsync(storage, "first");

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteNewAsync(storage, "unaware"));
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_and_can_be_written_anew()
    {
        var storage = await StartStorageAsync();
        var state = await WriteNewAsync(storage, "doomed");

        await storage.ClearStateAsync(StateName, _grainId, state);
        var read = await ReadAsync(storage);

        Assert.Equal((false, null), (state.RecordExists, state.ETag));
        Assert.Equal((false, null), (read.RecordExists, read.ETag));
        read.State = new ProbeState { Note = "reborn" };
        await storage.WriteStateAsync(StateName, _grainId, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Clearing_honours_etags()
    {
        var storage = await StartStorageAsync();
        var state = await WriteNewAsync(storage, "kept");

        var stale = new GrainState<ProbeState>(new ProbeState(), "stale-etag");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, _grainId, stale));
        var unaware = new GrainState<ProbeState>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, _grainId, unaware));

        Assert.Equal(state.ETag, (await ReadAsync(storage)).ETag);
        await storage.ClearStateAsync(StateName, GrainId.Create("probe", "never-written"), new GrainState<ProbeState>());
    }

    [Fact]
    public async Task Two_storages_over_one_file_see_each_others_writes()
    {
        var first = await StartStorageAsync();
        var second = await StartStorageAsync(new SqliteDatabases());
        var firstView = await WriteNewAsync(first, "from first");

        var secondView = await ReadAsync(second);
        Assert.Equal("from first", secondView.State?.Note);
        Assert.Equal(firstView.ETag, secondView.ETag);

        secondView.State = new ProbeState { Note = "from second" };
        await second.WriteStateAsync(StateName, _grainId, secondView);
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.WriteStateAsync(StateName, _grainId, firstView));
        Assert.Equal("from second", (await ReadAsync(first)).State?.Note);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_let_exactly_one_win()
    {
        var storage = await StartStorageAsync();
        var origin = await WriteNewAsync(storage, "origin");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                var contender = new GrainState<ProbeState>(new ProbeState { Note = $"writer {i}" }, origin.ETag);
                await storage.WriteStateAsync(StateName, _grainId, contender);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Concurrent_writes_to_different_grains_all_land()
    {
        var storage = await StartStorageAsync();
        var grainIds = Enumerable.Range(0, 32).Select(i => GrainId.Create("probe", $"run-{i}")).ToList();

        await Task.WhenAll(grainIds.Select(grainId => Task.Run(() => WriteNewAsync(storage, grainId.Key.ToString()!, grainId))));

        foreach (var grainId in grainIds)
        {
            Assert.Equal(grainId.Key.ToString(), (await ReadAsync(storage, grainId)).State?.Note);
        }
    }

    [Fact]
    public async Task Database_file_and_folder_are_created_in_write_ahead_logging_mode()
    {
        await StartStorageAsync();

        await using var connection = new SqliteConnection($"Data Source={_database.Path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_write_returns_to_its_caller_while_the_file_is_locked_and_lands_once_it_is_free()
    {
        var storage = await StartStorageAsync();
        var state = await WriteNewAsync(storage, "first");

        await using (var locker = await LockDatabaseAsync())
        {
            state.State = new ProbeState { Note = "second" };
            // Microsoft.Data.Sqlite would block this thread until the lock went away; the storage's own thread waits instead.
            var write = storage.WriteStateAsync(StateName, _grainId, state);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(write.IsCompleted);

            await locker.Transaction.CommitAsync();
            await write;
        }

        Assert.Equal(("second", state.ETag), ((await ReadAsync(storage)).State?.Note, (await ReadAsync(storage)).ETag));
    }

    [Fact]
    public async Task Writes_that_queue_up_behind_a_lock_all_land_and_a_stale_one_fails_alone()
    {
        var storage = await StartStorageAsync();
        var origin = await WriteNewAsync(storage, "origin");
        var grainIds = Enumerable.Range(0, 20).Select(i => GrainId.Create("probe", $"queued-{i}")).ToList();

        Task stale;
        List<Task<GrainState<ProbeState>>> queued;
        await using (var locker = await LockDatabaseAsync())
        {
            stale = storage.WriteStateAsync(StateName, _grainId, new GrainState<ProbeState>(new ProbeState { Note = "stale" }, "stale-etag"));
            queued = grainIds.Select(grainId => WriteNewAsync(storage, grainId.Key.ToString()!, grainId)).ToList();
            await locker.Transaction.CommitAsync();
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await Task.WhenAll(queued);
        Assert.Equal(origin.ETag, (await ReadAsync(storage)).ETag);
        foreach (var grainId in grainIds)
            Assert.Equal(grainId.Key.ToString(), (await ReadAsync(storage, grainId)).State?.Note);
    }

    public void Dispose()
    {
        _databases.ForEach(d => d.Dispose());
        _database.Dispose();
    }

    /// <summary>Another connection holding the database's write lock until its transaction ends.</summary>
    private async Task<DatabaseLock> LockDatabaseAsync()
    {
        var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync();
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE grain_state SET etag = etag";
            await command.ExecuteNonQueryAsync();
        }
        return new DatabaseLock(connection, transaction);
    }

    private sealed record DatabaseLock(SqliteConnection Connection, SqliteTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    /// <param name="databases">Another set of connections than the test's (another silo, say).</param>
    private async Task<SqliteGrainStorage> StartStorageAsync(SqliteDatabases? databases = null)
    {
        if (databases is not null) _databases.Add(databases);
        var options = new SqliteGrainStorageOptions
        {
            DatabasePath = _database.Path,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()),
        };
        var storage = new SqliteGrainStorage("test", options, Serialization.GetRequiredService<IActivatorProvider>(), databases ?? _databases[0]);
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        storage.Participate(lifecycle);
        await lifecycle.OnStart();
        return storage;
    }

    private async Task<GrainState<ProbeState>> WriteNewAsync(SqliteGrainStorage storage, string note, GrainId? grainId = null)
    {
        var state = new GrainState<ProbeState>(new ProbeState { Note = note });
        await storage.WriteStateAsync(StateName, grainId ?? _grainId, state);
        return state;
    }

    private async Task<GrainState<ProbeState>> ReadAsync(SqliteGrainStorage storage, GrainId? grainId = null, string stateName = StateName)
    {
        var state = new GrainState<ProbeState>();
        await storage.ReadStateAsync(stateName, grainId ?? _grainId, state);
        return state;
    }
}
