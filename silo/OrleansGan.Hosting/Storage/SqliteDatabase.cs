using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace OrleansGan.Hosting.Storage;

/// <summary>
/// One SQLite connection on a thread of its own. Microsoft.Data.Sqlite's async calls run synchronously on the calling
/// thread, so a grain awaiting them would hold its turn (and a scheduler thread) for the whole disk write; here callers
/// only queue work and await it. Work runs in queue order; what has queued up by the time the thread comes back for
/// more runs in one transaction (one commit, one WAL sync, for a burst of writes).
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    // Microsoft.Data.Sqlite retries busy and locked errors until the command timeout runs out.
    private const int BusyTimeoutSeconds = 30;
    private const int MaxBatch = 256;

    private readonly string _path;
    private readonly BlockingCollection<Work> _queue = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private readonly Lock _starting = new();
    private bool _started;
    private bool _disposed;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _thread = new Thread(Serve) { IsBackground = true, Name = $"sqlite {Path.GetFileName(_path)}" };
    }

    /// <summary>Creates the file and its folder, and switches it to write-ahead logging.</summary>
    public Task StartAsync()
    {
        lock (_starting)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_started) _thread.Start();
            _started = true;
        }
        return _ready.Task;
    }

    /// <summary>Starts the database, then runs an idempotent schema script (CREATE ... IF NOT EXISTS).</summary>
    public async Task CreateSchemaAsync(string schema)
    {
        await StartAsync();
        await RunAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = schema;
            return command.ExecuteNonQuery();
        }, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="work"/> on the connection's thread, in a transaction with whatever else is queued.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await StartAsync();
        var queued = new Work<T>(work, cancellationToken);
        try
        {
            _queue.Add(queued, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"the SQLite database {_path} is closed");
        }
        return await queued.Result;
    }

    /// <summary>Runs what is queued, then closes the connection. A silo's services may dispose it more than once.</summary>
    public void Dispose()
    {
        lock (_starting)
        {
            if (_disposed) return;
            _disposed = true;
            _queue.CompleteAdding();
            if (_started) _thread.Join();
        }
        _queue.Dispose();
    }

    private void Serve()
    {
        SqliteConnection connection;
        try
        {
            connection = Open();
        }
        catch (Exception e)
        {
            _ready.SetException(e);
            _queue.CompleteAdding();
            return;
        }
        _ready.SetResult();
        using (connection)
        {
            var batch = new List<Work>(MaxBatch);
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Add(first);
                while (batch.Count < MaxBatch && _queue.TryTake(out var next)) batch.Add(next);
                RunBatch(connection, batch);
                batch.Clear();
            }
        }
    }

    private SqliteConnection Open()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One transaction for the batch. An error of the database itself (not a result of one piece of work, like an
    /// ETag conflict) rolls it back, and each piece then runs alone, so one bad piece fails only itself.
    /// </summary>
    private static void RunBatch(SqliteConnection connection, List<Work> batch)
    {
        var live = batch.Where(w => !w.CancelIfRequested()).ToList();
        if (live.Count == 0) return;
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var work in live) work.Run(connection);
                transaction.Commit();
            }
            foreach (var work in live) work.Complete();
        }
        catch (SqliteException) when (live.Count > 1)
        {
            foreach (var work in live)
            {
                try
                {
                    using var transaction = connection.BeginTransaction();
                    work.Run(connection);
                    transaction.Commit();
                    work.Complete();
                }
                catch (SqliteException e)
                {
                    work.Fail(e);
                }
            }
        }
        catch (SqliteException e)
        {
            live[0].Fail(e);
        }
    }

    private abstract class Work
    {
        public abstract bool CancelIfRequested();

        /// <summary>Runs the work; its own exceptions are its result, a <see cref="SqliteException"/> fails the batch.</summary>
        public abstract void Run(SqliteConnection connection);

        public abstract void Complete();
        public abstract void Fail(Exception error);
    }

    private sealed class Work<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) : Work
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;
        private Exception? _error;

        public Task<T> Result => _result.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _result.TrySetCanceled(cancellationToken);

        public override void Run(SqliteConnection connection)
        {
            _error = null;
            try
            {
                _value = work(connection);
            }
            catch (Exception e) when (e is not SqliteException)
            {
                _error = e;
            }
        }

        public override void Complete()
        {
            if (_error is null) _result.TrySetResult(_value!);
            else _result.TrySetException(_error);
        }

        public override void Fail(Exception error) => _result.TrySetException(error);
    }
}
