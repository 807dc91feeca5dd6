using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A test's own database: a SQLite file in a temporary folder, or a throwaway PostgreSQL database
/// (<see cref="TestPostgres"/>), deleted after the test. The provider is the one asked for, else the run's
/// default, <c>REVIEWDESK_TEST_PROVIDER</c> (<c>Sqlite</c> unless set): so one suite runs on either provider
/// unchanged (test.sh runs the runtime, triage, review, API and audit suites on both).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>The environment variable that picks the provider of tests that do not ask for one.</summary>
    public const string ProviderVariable = "REVIEWDESK_TEST_PROVIDER";

    private readonly string? _postgresDatabase;

    public TestDatabase()
        : this(DefaultProvider)
    {
    }

    public TestDatabase(DatabaseProvider provider)
    {
        Provider = provider;
        Directory = Path.Combine(Path.GetTempPath(), "reviewdesk-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path_ = System.IO.Path.Combine(Directory, "runtime.db");
        if (provider == DatabaseProvider.Postgres)
        {
            _postgresDatabase = TestPostgres.CreateDatabase();
            ConnectionString = TestPostgres.ConnectionStringFor(_postgresDatabase);
        }
        else
        {
            ConnectionString = $"Data Source={Path_}";
        }
    }

    /// <summary>The run's default provider (<c>REVIEWDESK_TEST_PROVIDER</c>, else SQLite).</summary>
    public static DatabaseProvider DefaultProvider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable(ProviderVariable), ignoreCase: true, out var provider) ? provider : DatabaseProvider.Sqlite;

    public DatabaseProvider Provider { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public string Directory { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path_ { get; }

    public string ConnectionString { get; }

    /// <summary>The provider's dialect (commands with <c>$1</c> parameters, connections).</summary>
    public DatabaseDialect Dialect => DatabaseDialect.For(Provider);

    /// <summary>The settings that point a host at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:ReviewDesk"] = ConnectionString,
        ["Database:Provider"] = Provider.ToString(),
    };

    /// <summary>An open connection to the database (for a test's own reads).</summary>
    public async Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString });
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public void Dispose()
    {
        if (_postgresDatabase is not null) TestPostgres.DropDatabase(_postgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pool being torn down; the temp folder is cleaned by the OS.
        }
    }
}
