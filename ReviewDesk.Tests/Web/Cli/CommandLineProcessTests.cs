using Microsoft.Data.Sqlite;

namespace ReviewDesk.Tests.Web.Cli;

/// <summary>
/// Which command lines start the web server (issue 15, item 12): the built executable as a child process. Only no verb
/// or <c>serve</c> starts it; any other word is an unknown command that exits 2 with one line, without starting it.
/// </summary>
public sealed class CommandLineProcessTests : IDisposable
{
    private const string ApiKey = "rdk_cli_serve_test_key_0123456789ab";

    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-cli-serve-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("evaluation", "--help")]
    [InlineData("evaluation")]
    [InlineData("server", "--urls", "http://127.0.0.1:1")]
    public async Task UnknownVerb_ExitsWithUsageAndOneLine_WithoutStartingTheServer(params string[] args)
    {
        // Before the fix these started the web host, which never exits on its own: the run would hit CliProcess's timeout.
        var run = await CliProcess.RunAsync(args);

        Assert.Equal((2, ""), (run.ExitCode, run.Output));
        Assert.Equal($"unknown command '{args[0]}' (ReviewDesk.Web --help lists the commands)", run.Error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Help_ListsServeAmongTheCommands()
    {
        var run = await CliProcess.RunAsync(["--help"]);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith("usage: ReviewDesk.Web [serve|pii|", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StartsTheServerWithTheOptionsAfterIt()
    {
        var port = WebAppChild.FreePort();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var app = WebAppChild.Start(_folder, port, ApiKey, verb: "serve");

        await app.WaitUntilHealthyAsync(http);
        await app.KillAsync();
    }
}
