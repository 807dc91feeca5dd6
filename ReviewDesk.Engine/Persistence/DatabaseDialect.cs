using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// What differs between the database providers, in one place: how a connection opens and is set up, how
/// a write transaction begins, how positional parameters (<c>$1</c>, <c>$2</c>...) bind, how an EF Core
/// context is pointed at the database, the work claim, and which errors mean "run the batch again".
/// The engine's SQL is otherwise written once, in the subset both providers share (<c>ON CONFLICT</c>,
/// <c>RETURNING</c>, quoted identifiers, <c>TRUE</c>/<c>FALSE</c>, integer times).
/// </summary>
public abstract class DatabaseDialect
{
    /// <summary>The provider this dialect speaks for.</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The dialect of <paramref name="provider"/>.</summary>
    public static DatabaseDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.Postgres => PostgresDialect.Instance,
        _ => throw new NotSupportedException($"Database:Provider '{provider}' is not supported: use Sqlite or Postgres."),
    };

    /// <summary>The dialect of <paramref name="database"/>'s provider.</summary>
    public static DatabaseDialect For(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return For(database.Provider);
    }

    /// <summary>The dialect of the provider <paramref name="database"/> (an EF Core context's) runs on.</summary>
    public static DatabaseDialect For(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return For(database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
    }

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection CreateConnection(DatabaseOptions database);

    /// <summary>Opens a connection for the runtime's single writer and applies what a writer needs (SQLite's pragmas).</summary>
    public virtual async Task<DbConnection> OpenWriterAsync(DatabaseOptions database, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(database);
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

    /// <summary>Begins a write transaction that holds what the group commit needs before it reads the clock.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A parameter for <c>$position</c> (1-based).</summary>
    public abstract DbParameter CreateParameter(int position);

    /// <summary>
    /// The most rows one multi-row <c>INSERT</c> of the journal carries; a step's entries beyond that go in further
    /// statements. Unlimited by default (one statement, one round trip).
    /// </summary>
    public virtual int JournalRowsPerInsert => int.MaxValue;

    /// <summary>A command over <paramref name="connection"/> with <paramref name="args"/> bound to <c>$1</c>, <c>$2</c>...</summary>
    public DbCommand CreateCommand(DbConnection connection, string sql, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(args);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = CreateParameter(i + 1);
            parameter.Value = args[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Points <paramref name="options"/> at the database by connection string, with the context's own migration history table.</summary>
    public abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string migrationsHistoryTable);

    /// <summary>Points <paramref name="options"/> at an open connection (a context enlisted in the writer's transaction).</summary>
    public abstract DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DbConnection connection);

    /// <summary>
    /// Claims up to <c>$4</c> due work items (due at or before <c>$3</c>, lease free or expired) for owner <c>$1</c> until <c>$2</c>,
    /// returning <c>Id, InstanceId, NodeId, Kind, Attempt, ClaimCount, BookmarkId, ResumeRequestId</c>.
    /// </summary>
    public abstract string ClaimSql { get; }

    /// <summary>
    /// True when <paramref name="exception"/> (or the provider error inside it) means the whole transaction
    /// rolled back for a reason that passes (another writer's lock, a serialization failure, a deadlock), so
    /// the batch may simply run again on the same connection.
    /// </summary>
    public abstract bool IsRetryable(Exception exception);

    /// <summary>
    /// True when <paramref name="exception"/> means the connection itself is gone (the server restarted or
    /// the network dropped): the writer opens a new connection and runs the batch again.
    /// </summary>
    public virtual bool IsConnectionLost(Exception exception, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.State is ConnectionState.Closed or ConnectionState.Broken;
    }

    /// <summary>
    /// True when <paramref name="exception"/> (or any error inside it) means the database cannot serve now: the
    /// server is down or restarting, or too busy. A request that met it may be sent again later (HTTP 503).
    /// </summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>Lets pooled connections go (a test deleting its database, a host stopping).</summary>
    public abstract void ClearPools();

    /// <summary><paramref name="exception"/> and every exception inside it, outermost first.</summary>
    protected static IEnumerable<Exception> Chain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (Exception? current = exception; current is not null; current = current.InnerException) yield return current;
    }

    /// <summary>The provider error inside EF Core's wrappers, or <paramref name="exception"/> itself.</summary>
    protected static Exception Unwrap(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var current = exception;
        while (current is DbUpdateException or InvalidOperationException && current.InnerException is { } inner) current = inner;
        return current;
    }
}
