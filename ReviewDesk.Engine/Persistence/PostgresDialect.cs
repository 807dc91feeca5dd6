using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// PostgreSQL: many writers (one per node) under READ COMMITTED. Claims lock their rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never claim the same item and neither waits for the other;
/// every later write of a claimed item is fenced by its lease owner and claim count. Serialization
/// failures and deadlocks roll the batch back whole and it runs again; a lost connection is reopened.
/// Parameters are Npgsql's native positional ones: the SQL goes to the server as written.
/// </summary>
public sealed class PostgresDialect : DatabaseDialect
{
    /// <summary>The one instance.</summary>
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    /// <inheritdoc />
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    // The subquery locks the rows it picks and skips rows another node's open claim holds; the outer
    // UPDATE re-checks nothing because READ COMMITTED re-reads a locked row only when it waited for it.
    /// <inheritdoc />
    public override string ClaimSql => """
        UPDATE "WorkItems" SET "LeaseOwner" = $1, "LeaseUntil" = $2, "ClaimCount" = "ClaimCount" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM "WorkItems"
            WHERE "DueAt" <= $3 AND ("LeaseOwner" IS NULL OR "LeaseUntil" < $3)
            ORDER BY "DueAt" LIMIT $4
            FOR UPDATE SKIP LOCKED)
        RETURNING "Id", "InstanceId", "NodeId", "Kind", "Attempt", "ClaimCount", "BookmarkId", "ResumeRequestId", "TraceParent"
        """;

    /// <inheritdoc />
    public override DbConnection CreateConnection(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new NpgsqlConnection(database.ConnectionString);
    }

    /// <inheritdoc />
    public override DbTransaction BeginWrite(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.BeginTransaction(IsolationLevel.ReadCommitted);
    }

    // No name: Npgsql sends the statement as written and binds $1, $2... by position.
    /// <inheritdoc />
    public override DbParameter CreateParameter(int position) => new NpgsqlParameter();

    // Reads and writes through EF Core (the API, the console, accounts) are retried on a transient failure: after a
    // restart, the first use of a pooled connection the server ended fails with 57P01, and the retry opens a new one.
    // Few and short retries: during an outage a request fails within seconds instead of hanging. No code runs its own
    // EF transaction (the engine's writer uses the other overload), which a retrying strategy would refuse.
    private const int EfRetries = 3;
    private static readonly TimeSpan EfMaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string migrationsHistoryTable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        return options.UseNpgsql(database.ConnectionString, npgsql => npgsql
            .MigrationsHistoryTable(migrationsHistoryTable)
            .EnableRetryOnFailure(EfRetries, EfMaxRetryDelay, errorCodesToAdd: null));
    }

    /// <inheritdoc />
    public override DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DbConnection connection) => options.UseNpgsql(connection);

    /// <inheritdoc />
    public override bool IsRetryable(Exception exception) =>
        Unwrap(exception) is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable };

    /// <inheritdoc />
    public override bool IsConnectionLost(Exception exception, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State is ConnectionState.Closed or ConnectionState.Broken) return true;
        return Unwrap(exception) switch
        {
            // The server is shutting down or restarting (admin_shutdown, crash_shutdown, cannot_connect_now).
            PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
            NpgsqlException npgsql => npgsql.IsTransient,
            _ => false,
        };
    }

    // Npgsql marks as transient what a later try may not meet: a refused or dropped connection, a server shutting down
    // or not yet accepting (57P01, 57P03), too many connections. EF Core wraps it when its retries ran out.
    /// <inheritdoc />
    public override bool IsUnavailable(Exception exception) => Chain(exception).Any(e => e is NpgsqlException { IsTransient: true });

    /// <inheritdoc />
    public override void ClearPools() => NpgsqlConnection.ClearAllPools();
}
