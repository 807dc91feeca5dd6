using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Puts every SQLite connection in WAL mode with synchronous=NORMAL and a busy timeout. No connection
/// string keyword sets these, so they run when a connection opens (EF's and the worker's alike).
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    /// <summary>Applies the pragmas to an open connection.</summary>
    public void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        // The busy timeout comes first, so that switching to WAL waits for another process's lock.
        // EF opens a read-only connection to check that the file exists: it cannot (and need not) switch the journal mode.
        var readOnly = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
        command.CommandText = readOnly
            ? $"PRAGMA busy_timeout={busyTimeoutMilliseconds};"
            : $"PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}
