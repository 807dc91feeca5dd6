using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Cli;

namespace ReviewDesk.Tests.Web.Cli;

/// <summary>
/// The server verbs in-process (<see cref="CliApp.TryRunAsync"/>): help and usage errors, which need no
/// server, and the options that are cheaper to check without a child process, over real HTTP to Kestrel.
/// </summary>
public sealed class RemoteCliTests(CliServer server) : IClassFixture<CliServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-cli-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("tickets")]
    [InlineData("tickets submit")]
    [InlineData("tickets show")]
    [InlineData("tickets timeline")]
    [InlineData("tickets import")]
    [InlineData("tickets list")]
    [InlineData("reviews")]
    [InlineData("reviews list")]
    [InlineData("reviews claim")]
    [InlineData("reviews approve")]
    [InlineData("reviews reject")]
    [InlineData("reviews bulk")]
    [InlineData("workflows")]
    [InlineData("workflows list")]
    [InlineData("workflows export")]
    [InlineData("workflows import")]
    [InlineData("workflows publish")]
    [InlineData("models")]
    [InlineData("models list")]
    [InlineData("models retrain")]
    [InlineData("models promote")]
    public async Task Help_OnEveryVerbAndSubVerb_PrintsItsUsageAndExits0(string verb)
    {
        var (exit, output, error) = await RunAsync([.. verb.Split(' '), "--help"], NoEnvironment);

        Assert.Equal((0, ""), (exit, error));
        Assert.Contains($"{verb} ", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("--server", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tickets", "tickets: Required command")]
    [InlineData("tickets frobnicate", "frobnicate")]
    [InlineData("tickets show", "tickets show: Required argument 'ticketId'")]
    [InlineData("tickets list --page two", "--page")]
    [InlineData("tickets submit --body text", "tickets submit: --subject is required (or --file)")]
    [InlineData("tickets submit --file ticket.json --subject s", "tickets submit: --file and --subject do not go together")]
    [InlineData("tickets submit --file /nonexistent/ticket.json", "tickets submit: the file '/nonexistent/ticket.json' does not exist")]
    [InlineData("reviews reject tk_1", "reviews reject: Option '--comment' is required")]
    [InlineData("reviews list --sort random", "random")]
    [InlineData("reviews bulk reject tk_1", "reject")]
    [InlineData("reviews bulk approve", "reviews bulk: Required argument 'ticketIds'")]
    [InlineData("workflows publish support-triage one", "one")]
    [InlineData("workflows import /nonexistent/flow.json", "workflows import: the file '/nonexistent/flow.json' does not exist")]
    [InlineData("tickets list --server ftp://example.com", "tickets list: the server 'ftp://example.com' is not an http or https URL")]
    public async Task UsageErrors_Exit2WithOneLineReason_BeforeAnyRequest(string commandLine, string reason)
    {
        // The server is unreachable on purpose: none of these may get as far as a request.
        var environment = Environment("http://127.0.0.1:1", "rdk_any");

        var (exit, output, error) = await RunAsync(commandLine.Split(' '), environment);

        Assert.Equal((2, ""), (exit, output));
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoApiKey_Exit2NamingTheOptionAndTheVariable()
    {
        var (exit, _, error) = await RunAsync(["tickets", "list"], NoEnvironment);

        Assert.Equal((2, "tickets list: no API key: pass --api-key or set REVIEWDESK_API_KEY"), (exit, error.Trim()));
    }

    [Fact]
    public async Task SubmitFromFile_Twice_SubmitsOnceThenReportsTheEarlierTicket()
    {
        var file = Path.Combine(_folder, "ticket.json");
        await File.WriteAllTextAsync(file, """
            {"subject": "Invoice copy", "body": "Please resend my billing invoice", "customer": {"name": "Ann", "email": "ann@example.com"},
             "channel": "Email", "externalId": "cli-file-1"}
            """, Ct);
        // The option wins over the environment's (unreachable) server.
        var environment = Environment("http://127.0.0.1:1", ReviewDeskWebFactory.BootstrapApiKey);

        var first = await RunAsync(["tickets", "submit", "--file", file, "--server", server.Url], environment);
        var second = await RunAsync(["tickets", "submit", "--file", file, "--server", server.Url, "--json"], environment);

        Assert.Equal((0, ""), (first.Exit, first.Error));
        var id = first.Output.Split('\n')[0].Replace("Submitted ticket ", "", StringComparison.Ordinal).TrimEnd('.');
        Assert.Equal((0, ""), (second.Exit, second.Error));
        Assert.Equal(id, JsonNode.Parse(second.Output)!["id"]!.GetValue<string>());
        var ticket = await server.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal(("cli-file-1", "email"), (ticket.GetProperty("externalId").GetString(), ticket.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task Submit_TextStartingWithAt_IsSentAsTextNotReadAsAResponseFile()
    {
        var environment = Environment(server.Url, ReviewDeskWebFactory.BootstrapApiKey);

        var (exit, output, error) = await RunAsync(["tickets", "submit", "--subject", "@support", "--body", "@/etc/hostname", "--variant", ReviewTickets.Variant, "--json"], environment);

        Assert.Equal((0, ""), (exit, error));
        var id = JsonNode.Parse(output)!["id"]!.GetValue<string>();
        // The variant has no audit sample: a confident ticket is routed, its text scrubbed and readable.
        await ReviewTickets.WaitForStatusAsync(server.Client, id, "Routed");
        var ticket = await server.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal(("@support", "@/etc/hostname"), (ticket.GetProperty("subject").GetString(), ticket.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Json_PrintsTheApiAnswerAsItCame()
    {
        var environment = Environment(server.Url, ReviewDeskWebFactory.BootstrapApiKey);

        var (exit, output, error) = await RunAsync(["workflows", "list", "--json"], environment);

        Assert.Equal((0, ""), (exit, error));
        var expected = await server.Client.GetStringAsync("/api/workflows", Ct);
        Assert.Equal(expected, output.TrimEnd('\n'));
    }

    [Fact]
    public async Task Import_NdJsonFile_SubmitsEveryTicket_ThenAgainCreatesNothing_AndNamesTheLineOfAnInvalidOne()
    {
        var file = Path.Combine(_folder, "backfill.ndjson");
        var lines = Enumerable.Range(1, 25).Select(i => $$"""{"subject": "Backfill {{i}}", "body": "Old ticket number {{i}}", "externalId": "imp-{{i}}"}""").ToList();
        lines.Insert(10, """{"subject": "", "body": "no subject", "externalId": "imp-bad"}""");
        await File.WriteAllLinesAsync(file, lines, Ct);
        var environment = Environment(server.Url, ReviewDeskWebFactory.BootstrapApiKey);

        var first = await RunAsync(["tickets", "import", file, "--batch-size", "10"], environment);
        var second = await RunAsync(["tickets", "import", file, "--batch-size", "10"], environment);

        // Exit 2, one line naming the bad ticket's line, and the rest imported.
        Assert.Equal(2, first.Exit);
        Assert.Contains("Imported 26 tickets", first.Output, StringComparison.Ordinal);
        Assert.Contains("25 created, 0 existing, 1 invalid, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.Contains("line 11: subject:", first.Error, StringComparison.Ordinal);
        Assert.Contains("0 created, 25 existing, 1 invalid", second.Output, StringComparison.Ordinal);
        var imported = await server.Client.GetFromJsonAsync<JsonElement>("/api/tickets?q=imp-7", Ct);
        Assert.Equal(1, imported.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Import_AFileThatIsNotTickets_Exits2WithOneLine()
    {
        var file = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(file, "[{\"subject\": ", Ct);

        var (exit, output, error) = await RunAsync(["tickets", "import", file], Environment(server.Url, ReviewDeskWebFactory.BootstrapApiKey));

        Assert.Equal((2, ""), (exit, output));
        Assert.Contains("is not a JSON array", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_15_ReviewsBulkApprove_ListsEachTicket_SkipsOneAnotherReviewerHolds_AndExits4()
    {
        var first = await ReviewTickets.SubmitUnclearAsync(server.Client, "CLI bulk one");
        var held = await ReviewTickets.SubmitUnclearAsync(server.Client, "CLI bulk two");
        await ReviewTickets.WaitForStatusAsync(server.Client, first, "AwaitingReview");
        await ReviewTickets.WaitForStatusAsync(server.Client, held, "AwaitingReview");
        using (var claim = await server.Client.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{held}/claim"), Ct)) claim.EnsureSuccessStatusCode();

        var (exit, output, error) = await RunAsync(["reviews", "bulk", "approve", first, held, "--request-id", "cli-bulk-1"], Environment(server.Url, TestApiKeys.For("alice")));

        Assert.Equal(4, exit);
        var lines = output.Split('\n');
        Assert.Matches($@"^{first}\s+done\s+Routed", Assert.Single(lines, l => l.StartsWith(first, StringComparison.Ordinal)));
        Assert.Matches($@"^{held}\s+skipped\s+AwaitingReview\s+apikey:bob\s+claimed by apikey:bob", Assert.Single(lines, l => l.StartsWith(held, StringComparison.Ordinal)));
        Assert.Contains("approve: 1 done, 1 skipped (request id cli-bulk-1).", output, StringComparison.Ordinal);
        Assert.Equal("reviews bulk: 1 of 2 tickets were skipped (listed above); the others were done", error.Trim());
        await ReviewTickets.WaitForStatusAsync(server.Client, first, "Routed");
    }

    [Fact]
    public async Task Models_ListShowsTheActiveVersion_PromoteOfAnUnknownVersionExits3_AReviewerExits5()
    {
        var environment = Environment(server.Url, TestApiKeys.For("admin"));

        var list = await RunAsync(["models", "list"], environment);
        var promote = await RunAsync(["models", "promote", "v9"], environment);
        var asReviewer = await RunAsync(["models", "list"], Environment(server.Url, TestApiKeys.For("reviewer")));

        Assert.Equal((0, ""), (list.Exit, list.Error));
        Assert.StartsWith("active: base\n", list.Output, StringComparison.Ordinal);
        Assert.Contains("VERSION", list.Output, StringComparison.Ordinal);
        Assert.Equal((3, ""), (promote.Exit, promote.Output));
        Assert.Contains("models promote:", promote.Error, StringComparison.Ordinal);
        Assert.Contains("v9", promote.Error, StringComparison.Ordinal);
        Assert.Equal(5, asReviewer.Exit);
    }

    /// <summary>
    /// Its own server: every reviewer decision is a labelled example, and the class's shared server holds the
    /// decisions of the tests that ran before this one (the bulk approve's, in xunit's order), so "no labels yet"
    /// holds only on a server no test has decided on.
    /// </summary>
    [Fact]
    public async Task Models_RetrainWithNoLabels_Exits4()
    {
        var fresh = new CliServer();
        await fresh.InitializeAsync();
        try
        {
            var retrain = await RunAsync(["models", "retrain"], Environment(fresh.Url, TestApiKeys.For("admin")));

            Assert.Equal((4, ""), (retrain.Exit, retrain.Output));
            Assert.Contains("nothing to learn from", retrain.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    private static string? NoEnvironment(string name) => null;

    private static Func<string, string?> Environment(string serverUrl, string apiKey) => name => name switch
    {
        "REVIEWDESK_SERVER" => serverUrl,
        "REVIEWDESK_API_KEY" => apiKey,
        _ => null,
    };

    private static async Task<(int? Exit, string Output, string Error)> RunAsync(string[] args, Func<string, string?> environment)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.TryRunAsync(args, output, error, environment);
        return (exit, output.ToString(), error.ToString());
    }
}
