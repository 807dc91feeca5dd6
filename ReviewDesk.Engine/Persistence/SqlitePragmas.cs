using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Puts every SQLite connection in WAL mode with synchronous=NORMAL and a busy timeout, and checkpoints the WAL every
/// <see cref="WalAutoCheckpointPages"/> pages. No connection string keyword sets these, so they run when a connection
/// opens (EF's and the worker's alike).
/// They are settings of the native connection, which the pool keeps open and hands out again: they run
/// once per native connection, not on every pooled open (an EF query opens its connection, so that was
/// four statements parsed and run before every query).
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    /// <summary>
    /// WAL pages between automatic checkpoints (SQLite's default is 1,000, about 4 MB). A checkpoint copies each page
    /// changed since the last one into the database file once and syncs both files; the workflow tables' hot pages
    /// (work items, instances, the newest journal and ticket rows) change in almost every commit, so checkpointing ten
    /// times less often writes them to the database file far fewer times. The WAL then grows to about 40 MB.
    /// </summary>
    public const int WalAutoCheckpointPages = 10_000;

    // The native connections already set up (weakly held: a handle the pool closes drops out).
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    /// <summary>Applies the pragmas to an open connection, unless its native connection has them already.</summary>
    public void Apply(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Configured.TryGetValue(handle, out var applied) && Equals(applied, busyTimeoutMilliseconds)) return;
        using var command = connection.CreateCommand();
        // The busy timeout comes first, so that switching to WAL waits for another process's lock.
        // EF opens a read-only connection to check that the file exists: it cannot (and need not) switch the journal mode.
        var readOnly = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
        command.CommandText = readOnly
            ? $"PRAGMA busy_timeout={busyTimeoutMilliseconds};"
            : $"PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint={WalAutoCheckpointPages};";
        command.ExecuteNonQuery();
        if (handle is not null) Configured.AddOrUpdate(handle, busyTimeoutMilliseconds);
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
