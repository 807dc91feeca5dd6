using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Runtime;

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
    private readonly ILogger<WorkflowStore> _logger;
    private readonly Lock _startLock = new();
    private Task? _writer;

    public WorkflowStore(
        IOptions<DatabaseOptions> database,
        IOptions<WorkflowRuntimeOptions> options,
        TimeProvider time,
        WorkflowEventStream events,
        IWorkflowIdGenerator ids,
        ILogger<WorkflowStore> logger)
    {
        _database = database.Value;
        _options = options.Value;
        _pragmas = new SqlitePragmas(_database.BusyTimeoutMilliseconds);
        _time = time;
        _events = events;
        _ids = ids;
        _logger = logger;
    }

    /// <summary>The worker id used for leases; set by the worker, also stamped on journal entries.</summary>
    public TimeSpan LeaseDuration => _options.Worker.LeaseDuration;

    /// <summary>Queues <paramref name="work"/> for the writer and waits until its batch committed.</summary>
    public Task<T> WriteAsync<T>(Func<WriteBatch, T> work, CancellationToken cancellationToken = default)
    {
        EnsureWriter();
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(WorkflowStore));
        }

        return operation.Task;
    }

    /// <summary>Opens a pooled read connection with the pragmas applied.</summary>
    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        _pragmas.Apply(connection);
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
        var batch = new WriteBatch(connection, commands);
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

    private void CommitBatch(SqliteConnection connection, WriteBatch batch, List<WriteOperation> operations)
    {
        const int maxBusyRetries = 10;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                batch.Reset(_time.GetUtcNow());
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    batch.Transaction = transaction;
                    foreach (var operation in operations)
                    {
                        RunInSavepoint(transaction, batch, operation);
                    }

                    transaction.Commit();
                }

                break;
            }
            catch (SqliteException ex) when (IsBusy(ex) && attempt < maxBusyRetries)
            {
                // Another process held the write lock past the busy timeout; the batch rolled back whole, so run it again.
                _logger.LogWarning("Write batch of {Count} operations found the database busy (attempt {Attempt}); retrying", operations.Count, attempt);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Write batch of {Count} operations failed", operations.Count);
                foreach (var operation in operations) operation.Abort(ex);
                return;
            }
        }

        foreach (var operation in operations) operation.Complete();
        foreach (var action in batch.AfterCommit) action();
        foreach (var evt in batch.Events) _events.Publish(evt);
    }

    private void RunInSavepoint(SqliteTransaction transaction, WriteBatch batch, WriteOperation operation)
    {
        if (operation.IsCancelled) return;
        var events = batch.Events.Count;
        var actions = batch.AfterCommit.Count;
        transaction.Save("op");
        try
        {
            operation.Run(batch);
            transaction.Release("op");
        }
        catch (Exception ex) when (ex is not SqliteException sqlite || !IsBusy(sqlite))
        {
            transaction.Rollback("op");
            transaction.Release("op");
            batch.TruncateEvents(events, actions);
            operation.Fail(ex);
        }
    }

    private static bool IsBusy(SqliteException ex) => ex.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private static string? ToJson(JsonNode? node) => node?.ToJsonString();

    private static JsonObject ParseObject(string? json) =>
        json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];
}
