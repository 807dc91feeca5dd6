using Microsoft.Data.Sqlite;

namespace ReviewDesk.Workflows.Runtime;

/// <summary>
/// The open transaction of one group commit, as the store's write operations see it: prepared
/// commands bound by position, the batch's clock reading, and events to publish after the commit.
/// </summary>
internal sealed class WriteBatch(SqliteConnection connection, Dictionary<string, SqliteCommand> commands)
{
    private readonly List<WorkflowEvent> _events = [];
    private readonly List<Action> _afterCommit = [];

    public SqliteTransaction Transaction { get; set; } = null!;

    /// <summary>One clock reading for the whole batch.</summary>
    public DateTimeOffset Now { get; set; }

    public long NowMs => Now.ToUnixTimeMilliseconds();

    public IReadOnlyList<WorkflowEvent> Events => _events;

    public IReadOnlyList<Action> AfterCommit => _afterCommit;

    public void Publish(WorkflowEvent evt) => _events.Add(evt);

    /// <summary>Runs <paramref name="action"/> once the batch has committed (wake-ups, caches).</summary>
    public void OnCommitted(Action action) => _afterCommit.Add(action);

    public void Reset(DateTimeOffset now)
    {
        Now = now;
        _events.Clear();
        _afterCommit.Clear();
    }

    public int Execute(string sql, params object?[] args) => Prepare(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params object?[] args) => Prepare(sql, args).ExecuteScalar();

    public SqliteDataReader Query(string sql, params object?[] args) => Prepare(sql, args).ExecuteReader();

    /// <summary>Gets the cached command for <paramref name="sql"/> (parameters <c>$0</c>, <c>$1</c>...) with its arguments bound.</summary>
    private SqliteCommand Prepare(string sql, object?[] args)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i, null));
            }

            commands[sql] = command;
        }

        command.Transaction = Transaction;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }
}
