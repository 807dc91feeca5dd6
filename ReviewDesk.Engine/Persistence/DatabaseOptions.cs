namespace ReviewDesk.Engine.Persistence;

/// <summary>Database settings, bound from the <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default, one node) or <c>Postgres</c> (one or several nodes).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The folder for the default SQLite file when <c>ConnectionStrings:ReviewDesk</c> is empty.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long a SQLite writer waits for another writer's lock before it fails, in milliseconds.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// PostgreSQL: how long the writer keeps reconnecting after it lost its connection (a server restart,
    /// a failover) before it fails the writes it holds. Writes queued meanwhile wait, and nothing is lost.
    /// </summary>
    public TimeSpan ReconnectTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>PostgreSQL: the pause between reconnection attempts.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The resolved connection string (set from <c>ConnectionStrings:ReviewDesk</c> or the default file).</summary>
    public string ConnectionString { get; set; } = "";
}

/// <summary>Supported database providers.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in WAL mode.</summary>
    Sqlite,
    /// <summary>PostgreSQL.</summary>
    Postgres,
}
