using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// The open transaction of one group commit, as a write sees it: the runtime's own steps, commands and
/// claims, and a domain's effects (a step's rows, an operator's command, a submission) alike. Everything
/// written through it commits together, or not at all.
/// <para>
/// Statements run through <see cref="Execute"/>, <see cref="Scalar"/> and <see cref="Query"/> are prepared
/// once per SQL text and reused: the hot path. Parameters are positional, <c>$1</c>, <c>$2</c>... bound
/// from the arguments in order. Code off the hot path can use an EF Core context enlisted in the same
/// transaction through <see cref="Db{TContext}"/>.
/// </para>
/// A write must not do I/O other than through this transaction, and must be quick: the writer is shared by
/// every write of the process. Domain code never opens a write transaction of its own.
/// </summary>
public sealed class WorkflowTransaction
{
    private readonly WorkflowStore _store;
    private readonly DbConnection _connection;
    private readonly DatabaseDialect _dialect;
    private readonly Dictionary<string, DbCommand> _commands;
    private readonly Func<DbConnection, Type, DbContext> _createContext;
    private readonly List<WorkflowEvent> _events = [];
    private readonly List<Action> _afterCommit = [];
    private readonly List<Action> _endOfWrite = [];
    private readonly List<DbContext> _contexts = [];
    private readonly Dictionary<string, object> _items = new(StringComparer.Ordinal);

    internal WorkflowTransaction(WorkflowStore store, DbConnection connection, DatabaseDialect dialect, Dictionary<string, DbCommand> commands, Func<DbConnection, Type, DbContext> createContext)
    {
        _store = store;
        _connection = connection;
        _dialect = dialect;
        _commands = commands;
        _createContext = createContext;
    }

    internal DbTransaction Transaction { get; set; } = null!;

    internal DbConnection Connection => _connection;

    /// <summary>The trace context of the caller of the write now running (see <see cref="WriteOperation.Caller"/>).</summary>
    internal System.Diagnostics.ActivityContext Caller { get; set; }

    /// <summary>The database's provider: SQL outside the subset both share may differ by provider (see <see cref="DatabaseDialect"/>).</summary>
    public DatabaseProvider Provider => _dialect.Provider;

    /// <summary>The most journal rows one INSERT carries on this database (<see cref="DatabaseDialect.JournalRowsPerInsert"/>).</summary>
    internal int JournalRowsPerInsert => _dialect.JournalRowsPerInsert;

    /// <summary>One clock reading for the whole transaction, taken once it holds the write lock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary><see cref="Now"/> as Unix milliseconds, the way the engine stores times.</summary>
    public long NowMs => Now.ToUnixTimeMilliseconds();

    /// <summary>
    /// What the writes of this transaction hand on to the writes after them, by key: a row as one write inserted it, for
    /// the writes that change it later in the same transaction to keep up to date (a ticket, inserted by its submission and
    /// moved by its eager first step, answers the submission as committed). Empty at the start of each transaction.
    /// </summary>
    public IDictionary<string, object> Items => _items;

    internal IReadOnlyList<WorkflowEvent> Events => _events;

    internal IReadOnlyList<Action> AfterCommit => _afterCommit;

    internal void Publish(WorkflowEvent evt) => _events.Add(evt);

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction has committed (publishing a domain event, waking a
    /// worker, filling a cache); never if it rolls back. Actions run on the writer: keep them quick.
    /// </summary>
    public void OnCommitted(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _afterCommit.Add(action);
    }

    internal void Reset(DateTimeOffset now)
    {
        Now = now;
        _events.Clear();
        _afterCommit.Clear();
        _endOfWrite.Clear();
        _items.Clear();
    }

    /// <summary>
    /// Runs <paramref name="action"/> when the current write's function has returned, still inside its transaction: an
    /// eager first step's writes (<see cref="StartWorkflow(StartWorkflowRequest, PreparedStart?)"/>) then find the rows the
    /// caller wrote after starting the instance (the ticket). If it throws, the whole write rolls back.
    /// </summary>
    internal void AtEndOfWrite(Action action) => _endOfWrite.Add(action);

    /// <summary>Runs what <see cref="AtEndOfWrite"/> deferred for the write that just returned.</summary>
    internal void EndOfWrite()
    {
        try
        {
            foreach (var action in _endOfWrite) action();
        }
        finally
        {
            _endOfWrite.Clear();
        }
    }

    /// <summary>
    /// Starts an instance in this transaction, so it commits with the caller's rows (a ticket and its
    /// workflow together); idempotent by business key. The worker is woken once it committed.
    /// </summary>
    /// <exception cref="WorkflowRequestException">No business key, or no such published definition version.</exception>
    public StartWorkflowResult StartWorkflow(StartWorkflowRequest request) => StartWorkflow(request, null);

    /// <summary>
    /// Starts an instance in this transaction (see <see cref="StartWorkflow(StartWorkflowRequest)"/>) with its first step
    /// already run by the caller (<see cref="WorkflowRuntime.PrepareStartAsync"/>): the step's checkpoint and writes commit
    /// with the start, and run when the caller's write function returns, so they find the rows it wrote after this call.
    /// When <paramref name="prepared"/> does not fit (another request, an instance with the business key exists, or a newer
    /// version was published since), it is dropped and the instance starts as without it, its first step on the worker.
    /// Either way the instance id is <paramref name="prepared"/>'s.
    /// </summary>
    /// <exception cref="WorkflowRequestException">No business key, or no such published definition version.</exception>
    public StartWorkflowResult StartWorkflow(StartWorkflowRequest request, PreparedStart? prepared)
    {
        WorkflowRuntime.Check(request);
        return _store.Start(this, request, prepared) ?? throw WorkflowRuntime.NoPublishedVersion(request);
    }

    /// <summary>
    /// Records and, when a bookmark waits, delivers a resume in this transaction (see <see cref="WorkflowRuntime.ResumeAsync"/>),
    /// so it commits with the caller's rows (a reviewer's claim and decision together).
    /// </summary>
    /// <exception cref="WorkflowRequestException">No request id.</exception>
    public ResumeResult Resume(ResumeRequest request)
    {
        WorkflowRuntime.Check(request);
        return _store.ApplyResume(this, request);
    }

    /// <summary>The first answer to the resume with <paramref name="requestId"/>, when that request id was seen before; null otherwise.</summary>
    public ResumeResult? FindResume(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return WorkflowStore.FindResume(this, requestId);
    }

    /// <summary>Cancels an unfinished instance in this transaction (see <see cref="WorkflowRuntime.CancelAsync"/>).</summary>
    public OperationResult Cancel(string instanceId, string? actor, string? reason = null) => _store.Cancel(this, instanceId, actor, reason);

    /// <summary>Runs a statement; returns the number of rows it changed.</summary>
    public int Execute(string sql, params object?[] args) => Prepare(sql, args).ExecuteNonQuery();

    /// <summary>
    /// Runs a statement and returns the first column of its first row (null when none). Integers come back
    /// as <see cref="long"/> on every provider, as SQLite gives them (PostgreSQL's <c>integer</c> would be an <see cref="int"/>).
    /// </summary>
    public object? Scalar(string sql, params object?[] args) => Prepare(sql, args).ExecuteScalar() switch
    {
        int value => (long)value,
        short value => (long)value,
        var value => value,
    };

    /// <summary>Runs a query; dispose the reader before the next statement (PostgreSQL runs one command at a time per connection).</summary>
    public DbDataReader Query(string sql, params object?[] args) => Prepare(sql, args).ExecuteReader();

    /// <summary>
    /// An EF Core context on this transaction's connection and transaction, for writes off the hot path.
    /// Changes staged in it are saved when the write's function returns; the same context is returned for
    /// the rest of the write.
    /// </summary>
    public TContext Db<TContext>() where TContext : DbContext
    {
        foreach (var existing in _contexts)
        {
            if (existing is TContext found) return found;
        }

        var context = (TContext)_createContext(_connection, typeof(TContext));
        context.Database.UseTransaction(Transaction);
        _contexts.Add(context);
        return context;
    }

    /// <summary>Saves what contexts enlisted by the write staged, and lets them go (end of one write).</summary>
    internal void EndWrite(bool save)
    {
        if (_contexts.Count == 0) return;
        try
        {
            if (save)
            {
                foreach (var context in _contexts) context.SaveChanges();
            }
        }
        finally
        {
            foreach (var context in _contexts) context.Dispose();
            _contexts.Clear();
        }
    }

    /// <summary>Gets the cached command for <paramref name="sql"/> (parameters <c>$1</c>, <c>$2</c>...) with its arguments bound.</summary>
    private DbCommand Prepare(string sql, object?[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(_dialect.CreateParameter(i + 1));
            }

            _commands[sql] = command;
        }

        if (command.Parameters.Count != args.Length)
        {
            throw new ArgumentException($"the statement takes {command.Parameters.Count} arguments; {args.Length} were given", nameof(args));
        }

        command.Transaction = Transaction;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }
}
