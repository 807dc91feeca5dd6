using Npgsql;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb and pg_ctl from Debian's postgresql package, under a temporary folder,
/// on a free port; as the <c>postgres</c> user when run as root, since initdb refuses root): for tests that stop or
/// restart the server, which they must not do to the run's shared one.
/// </summary>
public sealed class TestPostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgres;
    private readonly int _port;

    private TestPostgresCluster(string bin, string folder, bool asPostgres, int port)
    {
        _bin = bin;
        _folder = folder;
        _asPostgres = asPostgres;
        _port = port;
    }

    /// <summary>The server's connection string, without a database.</summary>
    public string ServerConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres";

    public static TestPostgresCluster Start(bool stopAtExit = false)
    {
        var bin = TestPostgres.FindBin() ?? throw new InvalidOperationException(
            $"No PostgreSQL for the tests: set {TestPostgres.ServerVariable} to a server's connection string, or install Debian's postgresql package (test.sh does both).");
        var folder = Path.Combine(Path.GetTempPath(), "reviewdesk-test-postgres", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) TestPostgres.RunPg(false, "chown", "postgres", folder);
        var cluster = new TestPostgresCluster(bin, folder, asPostgres, TestPostgres.FreePort());
        TestPostgres.RunPg(asPostgres, Path.Combine(bin, "initdb"), "-D", cluster.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N");
        cluster.StartServer();
        if (stopAtExit) AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void StartServer() =>
        // Durability off: a test cluster is thrown away, and fsync would only slow it down.
        TestPostgres.RunPg(_asPostgres, Path.Combine(_bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_folder, "log"), "-w", "-o",
            $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400", "start");

    /// <summary>Stops the server: <c>fast</c> ends every session at once (a restart), <c>immediate</c> as in a crash.</summary>
    public void StopServer(string mode = "fast") => TestPostgres.RunPg(_asPostgres, Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", mode, "-w", "stop");

    /// <summary>Creates an empty database; returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ServerConnectionString + ";Database=postgres;Pooling=false"))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return ServerConnectionString + $";Database={name}";
    }

    public void Dispose()
    {
        try
        {
            StopServer("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temporary folder goes with the machine's temp cleanup.
        }
    }
}
