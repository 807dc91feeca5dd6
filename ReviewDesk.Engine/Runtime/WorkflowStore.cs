using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// The runtime's durable state on the hot path. All writes of this process go through one writer
/// that groups whatever is queued into one transaction (group commit), each operation inside its
/// own savepoint so one failing operation does not undo the others. Reads use pooled connections
/// and never wait for the writer (WAL).
/// </summary>
internal sealed partial class WorkflowStore : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new() { SingleReader = true });
    private readonly DatabaseOptions _database;
    private readonly WorkflowRuntimeOptions _options;
    private readonly SqlitePragmas _pragmas;
    private readonly TimeProvider _time;
    private readonly WorkflowEventStream _events;
    private readonly IWorkflowIdGenerator _ids;
    private readonly DefinitionCache _definitions;
    private readonly ILogger<WorkflowStore> _logger;
    private readonly IServiceProvider _services;
    private readonly WorkSignal _signal;
    private readonly IWorkflowChangeHandler[] _handlers;
    private readonly ConcurrentDictionary<Type, ObjectFactory> _contextFactories = new();
    private readonly Lock _startLock = new();
    private Task? _writer;
    private long _commits;
    private long _committedOperations;

    public WorkflowStore(
        IOptions<DatabaseOptions> database,
        IOptions<WorkflowRuntimeOptions> options,
        TimeProvider time,
        WorkflowEventStream events,
        IWorkflowIdGenerator ids,
        DefinitionCache definitions,
        WorkSignal signal,
        IEnumerable<IWorkflowChangeHandler> handlers,
        IServiceProvider services,
        ILogger<WorkflowStore> logger)
    {
        _services = services;
        _signal = signal;
        _handlers = [.. handlers];
        _database = database.Value;
        _options = options.Value;
        _pragmas = new SqlitePragmas(_database.BusyTimeoutMilliseconds);
        _time = time;
        _events = events;
        _ids = ids;
        _definitions = definitions;
        _logger = logger;
    }

    /// <summary>The worker id used for leases; set by the worker, also stamped on journal entries.</summary>
    public TimeSpan LeaseDuration => _options.Worker.LeaseDuration;

    /// <summary>What the writer has committed since this process started.</summary>
    public WriteStatistics Statistics => new(Interlocked.Read(ref _commits), Interlocked.Read(ref _committedOperations));

    /// <summary>Queues <paramref name="work"/> for the writer and waits until its batch committed.</summary>
    public Task<T> WriteAsync<T>(Func<WorkflowTransaction, T> work, CancellationToken cancellationToken = default)
    {
        EnsureWriter();
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(WorkflowStore));
        }

        return operation.Task;
    }

    /// <summary>
    /// Opens a pooled read connection. WAL mode is a property of the file (set by the writer), and a
    /// WAL reader never waits for a writer, so reads skip the per-connection pragmas.
    /// </summary>
    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private void EnsureWriter()
    {
        if (_writer is not null) return;
        lock (_startLock)
        {
            _writer ??= Task.Run(RunWriterAsync);
        }
    }

    private async Task RunWriterAsync()
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        _pragmas.Apply(connection);
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        var batch = new WorkflowTransaction(this, connection, commands, CreateContext);
        var operations = new List<WriteOperation>(_options.Worker.MaxCommitBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                operations.Clear();
                while (operations.Count < _options.Worker.MaxCommitBatch && _queue.Reader.TryRead(out var operation))
                {
                    operations.Add(operation);
                }

                CommitBatch(connection, batch, operations);
            }
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Runs the operations in one transaction and commits it. An operation that throws is taken out:
    /// the transaction rolls back and the others run again without it (failures are rare, so this is
    /// cheaper than a savepoint around every operation).
    /// </summary>
    private void CommitBatch(SqliteConnection connection, WorkflowTransaction batch, List<WriteOperation> operations)
    {
        const int maxBusyRetries = 10;
        var pending = operations.Where(o => !o.IsCancelled).ToList();
        var busyRetries = 0;
        while (pending.Count > 0)
        {
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                // Read the clock only once the write lock is held: BEGIN IMMEDIATE may wait up to the busy
                // timeout for another process, and a lease computed from a reading taken before that wait
                // would be born (partly or wholly) expired, so the other process could claim the work at once
                // while this one runs it.
                batch.Reset(_time.GetUtcNow());
                batch.Transaction = transaction;
                if (RunAll(batch, pending) is { } failed)
                {
                    transaction.Rollback();
                    pending.Remove(failed);
                    continue;
                }

                transaction.Commit();
                Interlocked.Increment(ref _commits);
                Interlocked.Add(ref _committedOperations, pending.Count);
                break;
            }
            catch (Exception ex) when (Unwrap(ex) is SqliteException sqlite && IsBusy(sqlite) && ++busyRetries < maxBusyRetries)
            {
                // Another process held the write lock past the busy timeout; the batch rolled back whole, so run it again.
                _logger.LogWarning("Write batch of {Count} operations found the database busy (attempt {Attempt}); retrying", pending.Count, busyRetries);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Write batch of {Count} operations failed", pending.Count);
                foreach (var operation in operations) operation.Abort(ex);
                return;
            }
        }

        foreach (var operation in operations) operation.Complete();
        if (pending.Count == 0) return;
        foreach (var action in batch.AfterCommit) action();
        foreach (var evt in batch.Events) _events.Publish(evt);
    }

    /// <summary>Runs each operation; returns the first that threw (marked failed), or null when all ran.</summary>
    private static WriteOperation? RunAll(WorkflowTransaction batch, List<WriteOperation> operations)
    {
        foreach (var operation in operations)
        {
            var saved = false;
            try
            {
                operation.Run(batch);
                batch.EndWrite(save: true);
                saved = true;
            }
            catch (Exception ex) when (Unwrap(ex) is not SqliteException sqlite || !IsBusy(sqlite))
            {
                operation.Fail(ex);
                return operation;
            }
            finally
            {
                if (!saved) batch.EndWrite(save: false);
            }
        }

        return null;
    }

    /// <summary>EF Core wraps provider errors (DbUpdateException); the busy check looks at the provider's.</summary>
    private static Exception Unwrap(Exception ex) => ex is DbUpdateException { InnerException: { } inner } ? inner : ex;

    /// <summary>Creates a context of <paramref name="type"/> over the writer's connection (see <see cref="WorkflowTransaction.Db{TContext}"/>).</summary>
    private DbContext CreateContext(DbConnection connection, Type type)
    {
        var factory = _contextFactories.GetOrAdd(type, t => ActivatorUtilities.CreateFactory(t, [typeof(DbContextOptions<>).MakeGenericType(t)]));
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
        builder.UseSqlite(connection);
        return (DbContext)factory(_services, [builder.Options]);
    }

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private static string? ToJson(JsonNode? node) => node?.ToJsonString();

    private static JsonObject ParseObject(string? json) =>
        json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];
}
