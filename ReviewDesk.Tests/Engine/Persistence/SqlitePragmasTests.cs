using Microsoft.Data.Sqlite;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Tests.Support;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>
/// <see cref="SqlitePragmas"/> sets up each native connection once: a connection handed out again by the pool keeps
/// its settings and runs no statement, and a new native connection (after the pool was cleared) gets them again. They run
/// alone (<see cref="SqlitePoolCollection"/>): another test clearing every pool meanwhile would close the pooled connection.
/// </summary>
[Collection(nameof(SqlitePoolCollection))]
public sealed class SqlitePragmasTests : IDisposable
{
    private const int BusyTimeout = 4321;

    private readonly TestDatabase _database = new(DatabaseProvider.Sqlite);

    [Fact]
    public void APooledConnection_KeepsItsSettings_AndANewNativeConnectionGetsThem()
    {
        var pragmas = new SqlitePragmas(BusyTimeout);

        var first = Open(pragmas);
        Assert.Equal(("wal", 1, BusyTimeout, 1, SqlitePragmas.WalAutoCheckpointPages), Settings(first));
        var handle = first.Handle;
        first.Dispose();

        // The pool hands the same native connection out again: the settings are still there.
        var again = Open(pragmas);
        Assert.Same(handle, again.Handle);
        Assert.Equal(("wal", 1, BusyTimeout, 1, SqlitePragmas.WalAutoCheckpointPages), Settings(again));

        // Nothing ran on it the second time: a setting changed by hand on that native connection stays changed.
        using (var command = again.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
        }

        again.Dispose();
        var third = Open(pragmas);
        Assert.Same(handle, third.Handle);
        Assert.Equal(2, Settings(third).Synchronous);
        third.Dispose();

        // A new native connection gets every setting.
        SqliteConnection.ClearAllPools();
        var fresh = Open(pragmas);
        Assert.NotSame(handle, fresh.Handle);
        Assert.Equal(("wal", 1, BusyTimeout, 1, SqlitePragmas.WalAutoCheckpointPages), Settings(fresh));
        fresh.Dispose();
    }

    [Fact]
    public void ADifferentBusyTimeout_IsAppliedToAPooledConnection()
    {
        var first = Open(new SqlitePragmas(BusyTimeout));
        first.Dispose();

        var other = Open(new SqlitePragmas(BusyTimeout + 1));
        Assert.Equal(BusyTimeout + 1, Settings(other).BusyTimeout);
        other.Dispose();
    }

    private SqliteConnection Open(SqlitePragmas pragmas)
    {
        var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        pragmas.Apply(connection);
        return connection;
    }

    private static (string JournalMode, long Synchronous, long BusyTimeout, long ForeignKeys, long WalAutoCheckpoint) Settings(SqliteConnection connection) =>
        (Scalar<string>(connection, "PRAGMA journal_mode;"), Scalar<long>(connection, "PRAGMA synchronous;"),
            Scalar<long>(connection, "PRAGMA busy_timeout;"), Scalar<long>(connection, "PRAGMA foreign_keys;"),
            Scalar<long>(connection, "PRAGMA wal_autocheckpoint;"));

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
