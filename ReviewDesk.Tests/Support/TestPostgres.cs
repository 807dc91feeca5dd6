using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run, and a throwaway database per test on it.
/// <para>
/// <c>REVIEWDESK_TEST_POSTGRES</c> names a running server (a connection string without a database; test.sh starts
/// one on 127.0.0.1). Without it, the first test that needs PostgreSQL starts a throwaway cluster of its own under
/// a temporary folder (initdb and pg_ctl from Debian's postgresql package; as the <c>postgres</c> user when run as
/// root, since initdb refuses root), and stops it when the test process exits.
/// </para>
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable that names a running server.</summary>
    public const string ServerVariable = "REVIEWDESK_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(FindOrStartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string, without a database.</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>The connection string of <paramref name="database"/> on the server.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database named <c>rd_test_</c> and a new GUID; returns its name.</summary>
    public static string CreateDatabase()
    {
        var name = "rd_test_" + Guid.NewGuid().ToString("N");
        Admin($"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, ending the sessions still on it.</summary>
    public static void DropDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string FindOrStartServer()
    {
        var configured = Environment.GetEnvironmentVariable(ServerVariable);
        return string.IsNullOrWhiteSpace(configured) ? StartCluster() : configured;
    }

    internal static string StartCluster() => TestPostgresCluster.Start(stopAtExit: true).ServerConnectionString;

    internal static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;

    internal static void RunPg(bool asPostgres, string program, params string[] args)
    {
        if (asPostgres) Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        // Output goes to a file: pg_ctl's server inherits the pipes, and a pipe read would wait for the server to exit.
        var output = Path.GetTempFileName();
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >" + output + " 2>&1");
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        var text = File.ReadAllText(output);
        File.Delete(output);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {text}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
