using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// The real web host (in-memory server) over its own SQLite file in a temporary folder. Its clients
/// from <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> call as the bootstrap API key
/// (every role); <see cref="CreateClient(string)"/> calls as one test principal (<see cref="TestApiKeys"/>)
/// and <see cref="CreateAnonymousClient"/> as nobody.
/// </summary>
public sealed class ReviewDeskWebFactory : WebApplicationFactory<Program>
{
    /// <summary><c>Auth:BootstrapApiKey</c> of every test host: the API key <c>bootstrap</c> with every role.</summary>
    public const string BootstrapApiKey = "rdk_test_bootstrap_0123456789abcdef";

    /// <summary>Replaces the local model with <see cref="KeywordClassifierSource"/> when set before the host starts.</summary>
    public KeywordClassifierSource? Classifier { get; set; }

    /// <summary>Replaces the host's clock when set before the host starts (review deadlines, claim leases).</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Every log line the host writes.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Whether the demo tickets are submitted at start (off by default in tests).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>More services for the host (for example a test activity), registered before it starts.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>More settings for the host (for example <c>Auth:BootstrapAdmin:Email</c>), set before it starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewdesk-web-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(_folder, "reviewdesk.db");

    /// <summary>The run's provider (<see cref="TestDatabase.DefaultProvider"/>); on PostgreSQL a throwaway database of its own.</summary>
    public ReviewDesk.Engine.Persistence.DatabaseProvider Provider { get; } = TestDatabase.DefaultProvider;

    private string? _postgresDatabase;

    /// <summary>The host's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>An open connection to the host's database (for a test's own reads and writes; <c>$1</c> parameters through <see cref="Dialect"/>).</summary>
    public async Task<System.Data.Common.DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(new ReviewDesk.Engine.Persistence.DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString });
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The provider's dialect.</summary>
    public ReviewDesk.Engine.Persistence.DatabaseDialect Dialect => ReviewDesk.Engine.Persistence.DatabaseDialect.For(Provider);

    /// <summary>One model cache for all web tests, so the local model trains at most once per run.</summary>
    public static string LocalModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "reviewdesk-tests-models");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        if (Provider == ReviewDesk.Engine.Persistence.DatabaseProvider.Postgres)
        {
            _postgresDatabase ??= TestPostgres.CreateDatabase();
            ConnectionString = TestPostgres.ConnectionStringFor(_postgresDatabase);
        }
        else
        {
            ConnectionString = $"Data Source={DatabasePath}";
        }

        builder.UseSetting("ConnectionStrings:ReviewDesk", ConnectionString);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(_folder, "keys"));
        // Everything ReviewDesk logs, Debug included, is captured: the PII tests search all of it.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturingLoggerProvider>("ReviewDesk", LogLevel.Debug));
        builder.UseSetting("Demo:SeedTickets", SeedDemo ? "true" : "false");
        // Training the local model takes seconds of CPU; tests that need it say so.
        builder.UseSetting("Ai:Local:WarmUp", "false");
        builder.UseSetting("Ai:Local:ModelDirectory", LocalModelDirectory);
        // The semantic model (appsettings.json) trains for a minute and holds ~400 MiB: off (its cascade step skips) unless a test sets it.
        builder.UseSetting("Ai:Providers:semantic:Type", "");
        builder.UseSetting("Auth:BootstrapApiKey", BootstrapApiKey);
        // A circuit's exception reaches the browser console, and so a failing test's output, with its message and stack.
        builder.UseSetting("DetailedErrors", "true");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddHostedService<TestApiKeys.Provisioner>());
        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }

        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }

        if (Classifier is { } classifier)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<ReviewDesk.Workflows.Ai.ILocalClassifierSource>(classifier));
        }
    }

    /// <summary>A client acting as the test principal <paramref name="name"/> (see <see cref="TestApiKeys"/>).</summary>
    public HttpClient CreateClient(string name)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(TestApiKeys.Header);
        client.DefaultRequestHeaders.Add(TestApiKeys.Header, TestApiKeys.For(name));
        return client;
    }

    /// <summary>A client without credentials that does not follow redirects (so a redirect to the login page shows).</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Remove(TestApiKeys.Header);
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestApiKeys.Header, BootstrapApiKey);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null) TestPostgres.DropDatabase(_postgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never started.
        }
    }
}
