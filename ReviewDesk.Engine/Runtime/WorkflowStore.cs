using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Telemetry;

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
    private readonly DatabaseDialect _dialect;
    private readonly TimeProvider _time;
    private readonly WorkflowEventStream _events;
    private readonly IWorkflowIdGenerator _ids;
    private readonly DefinitionCache _definitions;
    private readonly ILogger<WorkflowStore> _logger;
    private readonly IServiceProvider _services;
    private readonly WorkSignal _signal;
    private readonly IWorkflowChangeHandler[] _handlers;
    private readonly EngineMetrics _metrics;
    private readonly ConcurrentDictionary<Type, ObjectFactory> _contextFactories = new();
    private readonly Lock _startLock = new();
    private Task? _writer;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _latestPublished = new(StringComparer.Ordinal);
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
        EngineMetrics metrics,
        ILogger<WorkflowStore> logger)
    {
        _metrics = metrics;
        _services = services;
        _signal = signal;
        _handlers = [.. handlers];
        _database = database.Value;
        _options = options.Value;
        _dialect = DatabaseDialect.For(_database);
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

    /// <summary>The provider's dialect (parameters, claims, retryable errors).</summary>
    public DatabaseDialect Dialect => _dialect;

    /// <summary>
    /// Opens a pooled read connection. On SQLite, WAL mode is a property of the file (set by the writer),
    /// and a WAL reader never waits for a writer, so reads skip the per-connection pragmas; on PostgreSQL a
    /// reader sees the last committed state (MVCC) and never waits either.
    /// </summary>
    public async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = _dialect.CreateConnection(_database);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

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
        // The writer task inherits the context of the first write's caller; its spans take each write's caller explicitly.
        Activity.Current = null;
        var operations = new List<WriteOperation>(_options.Worker.MaxCommitBatch);
        WriterSession? session = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                operations.Clear();
                while (operations.Count < _options.Worker.MaxCommitBatch && _queue.Reader.TryRead(out var operation))
                {
                    operations.Add(operation);
                }

                session = await CommitBatchAsync(session, operations);
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs the operations in one transaction and commits it. An operation that throws is taken out:
    /// the transaction rolls back and the others run again without it (failures are rare, so this is
    /// cheaper than a savepoint around every operation). A batch that meets another writer's lock, a
    /// serialization failure or a deadlock runs again whole; one whose connection was lost (the server
    /// restarted) runs again on a new connection, for up to <see cref="DatabaseOptions.ReconnectTimeout"/>.
    /// Returns the session to use for the next batch.
    /// </summary>
    private async Task<WriterSession?> CommitBatchAsync(WriterSession? session, List<WriteOperation> operations)
    {
        const int maxBusyRetries = 10;
        var pending = operations.Where(o => !o.IsCancelled).ToList();
        var busyRetries = 0;
        Stopwatch? reconnecting = null;
        var reconnectLogged = false;
        while (pending.Count > 0)
        {
            try
            {
                session ??= await WriterSession.OpenAsync(this);
                if (reconnectLogged)
                {
                    _logger.LogWarning("The writer reconnected to the database after {Elapsed}; running the batch of {Count} operations again", reconnecting!.Elapsed, pending.Count);
                    reconnectLogged = false;
                }

                var started = Stopwatch.GetTimestamp();
                if (CommitOnce(session, pending) is { } failed)
                {
                    pending.Remove(failed);
                    continue;
                }

                _metrics.Committed(pending.Count, started);
                break;
            }
            catch (Exception ex) when (session is not null && !_dialect.IsConnectionLost(ex, session.Connection)
                && _dialect.IsRetryable(ex) && ++busyRetries < maxBusyRetries)
            {
                // Another writer held a lock past the busy timeout, or PostgreSQL chose this transaction as a
                // deadlock or serialization victim; the batch rolled back whole, so run it again.
                _logger.LogWarning("Write batch of {Count} operations met a concurrent writer (attempt {Attempt}); retrying", pending.Count, busyRetries);
            }
            catch (Exception ex) when ((session is null || _dialect.IsConnectionLost(ex, session.Connection))
                && _dialect.Provider != DatabaseProvider.Sqlite
                && (reconnecting ??= Stopwatch.StartNew()).Elapsed < _database.ReconnectTimeout)
            {
                // The server went away (restart, failover, network): nothing of this batch committed that a re-run
                // would break (steps are fenced, starts and resumes idempotent), so reconnect and run it again.
                // Logged once per outage, not once per attempt.
                if (!reconnectLogged)
                {
                    _logger.LogError("The writer lost its database connection ({Reason}: {Message}); reconnecting for up to {Timeout}",
                        ex.GetType().Name, ex.Message, _database.ReconnectTimeout);
                    reconnectLogged = true;
                }

                if (session is not null) await session.DisposeAsync();
                session = null;
                _dialect.ClearPools();
                await Task.Delay(_database.ReconnectDelay);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Write batch of {Count} operations failed", pending.Count);
                foreach (var operation in operations) operation.Abort(ex);
                if (session is not null && _dialect.IsConnectionLost(ex, session.Connection))
                {
                    await session.DisposeAsync();
                    session = null;
                }

                return session;
            }
        }

        // What the committed transaction asked to run after its commit runs before its callers resume: a caller that
        // awaited a write finds its events published and its caches filled (completing first let an awaiting test read
        // the events before they were published).
        if (pending.Count > 0 && session is not null) RunAfterCommit(session.Batch);
        foreach (var operation in operations) operation.Complete();
        return session;
    }

    private void RunAfterCommit(WorkflowTransaction batch)
    {
        foreach (var action in batch.AfterCommit)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                // The transaction has committed: a failing after-commit action must not fail its writes or keep them waiting.
                _logger.LogError(ex, "An action to run after a commit failed");
            }
        }

        foreach (var evt in batch.Events) _events.Publish(evt);
    }

    /// <summary>One attempt: begin, run every operation, commit. Returns the operation that failed (rolled back), or null when committed.</summary>
    private WriteOperation? CommitOnce(WriterSession session, List<WriteOperation> pending)
    {
        using var transaction = _dialect.BeginWrite(session.Connection);
        // Read the clock only once the write lock is held: BEGIN IMMEDIATE may wait up to the busy
        // timeout for another process, and a lease computed from a reading taken before that wait
        // would be born (partly or wholly) expired, so the other process could claim the work at once
        // while this one runs it.
        var batch = session.Batch;
        batch.Reset(_time.GetUtcNow());
        batch.Transaction = transaction;
        if (RunAll(batch, pending) is { } failed)
        {
            transaction.Rollback();
            return failed;
        }

        // Counted before the COMMIT, not after it: once it is issued, a reader can see the rows (a test waiting for a step
        // to settle, say), and it must find the commit counted too. Counting after it let such a reader miss it (CI at
        // 3e64379: three commits counted for a four-commit ticket). A COMMIT that throws takes its count back.
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedOperations, pending.Count);
        try
        {
            transaction.Commit();
        }
        catch
        {
            Interlocked.Decrement(ref _commits);
            Interlocked.Add(ref _committedOperations, -pending.Count);
            throw;
        }

        return null;
    }

    /// <summary>Runs each operation; returns the first that threw (marked failed), or null when all ran.</summary>
    private WriteOperation? RunAll(WorkflowTransaction batch, List<WriteOperation> operations)
    {
        foreach (var operation in operations)
        {
            var saved = false;
            try
            {
                batch.Caller = operation.Caller;
                operation.Run(batch);
                batch.EndOfWrite();
                batch.EndWrite(save: true);
                saved = true;
            }
            catch (Exception ex) when (!_dialect.IsRetryable(ex) && !_dialect.IsConnectionLost(ex, batch.Connection))
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

    /// <summary>Creates a context of <paramref name="type"/> over the writer's connection (see <see cref="WorkflowTransaction.Db{TContext}"/>).</summary>
    private DbContext CreateContext(DbConnection connection, Type type)
    {
        var factory = _contextFactories.GetOrAdd(type, t => ActivatorUtilities.CreateFactory(t, [typeof(DbContextOptions<>).MakeGenericType(t)]));
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(type))!;
        _dialect.Configure(builder, connection);
        return (DbContext)factory(_services, [builder.Options]);
    }

    /// <summary>The writer's connection, its prepared commands, and the transaction object the writes see.</summary>
    private sealed class WriterSession : IAsyncDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        private WriterSession(WorkflowStore store, DbConnection connection)
        {
            Connection = connection;
            Batch = new WorkflowTransaction(store, connection, store._dialect, _commands, store.CreateContext);
        }

        public DbConnection Connection { get; }

        public WorkflowTransaction Batch { get; }

        public static async Task<WriterSession> OpenAsync(WorkflowStore store) =>
            new(store, await store._dialect.OpenWriterAsync(store._database, CancellationToken.None));

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values) await command.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }

    private static string? ToJson(JsonNode? node) => node?.ToJsonString();

    private static JsonObject ParseObject(string? json) =>
        json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];
}
