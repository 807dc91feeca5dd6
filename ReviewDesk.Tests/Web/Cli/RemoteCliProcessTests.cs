using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Tests.Web.Api;

namespace ReviewDesk.Tests.Web.Cli;

/// <summary>
/// The server verbs as a user runs them: the built executable as a child process (<c>dotnet ReviewDesk.Web.dll
/// tickets ...</c>) against a real server on 127.0.0.1, checking stdout, stderr and the exit code.
/// </summary>
public sealed class RemoteCliProcessTests(CliServer server) : IClassFixture<CliServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitListShowTimelineQueueClaimApprove_WalkATicketFromSubmissionToRouted()
    {
        var submit = await RunAsync("alice", "tickets", "submit", "--subject", "Hmm", "--body", "not sure where this goes",
            "--variant", ReviewTickets.Variant, "--external-id", "cli-walk-1", "--channel", "email", "--json");
        Assert.Equal((0, ""), (submit.ExitCode, submit.Error));
        var id = JsonNode.Parse(submit.Output)!["id"]!.GetValue<string>();
        await ReviewTickets.WaitForStatusAsync(server.Client, id, "AwaitingReview");

        var list = await RunAsync("alice", "tickets", "list", "--search", "cli-walk-1");
        var show = await RunAsync("alice", "tickets", "show", id);
        var timeline = await RunAsync("alice", "tickets", "timeline", id);
        var queue = await RunAsync("alice", "reviews", "list", "--variant", ReviewTickets.Variant, "--sort", "confidence");
        var claim = await RunAsync("alice", "reviews", "claim", id);
        var approve = await RunAsync("alice", "reviews", "approve", id, "--category", "billing", "--priority", "P2", "--comment", "billing it is");

        foreach (var run in new[] { list, show, timeline, queue, claim, approve }) Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var listLines = Lines(list.Output);
        Assert.StartsWith("ID ", listLines[0], StringComparison.Ordinal);
        Assert.Contains(id, listLines[1], StringComparison.Ordinal);
        Assert.Contains("AwaitingReview", listLines[1], StringComparison.Ordinal);
        Assert.Contains("email", listLines[1], StringComparison.Ordinal);
        Assert.Equal("page 1 of 1, 1 in all", listLines[^1]);
        Assert.Equal(id, Field(show.Output, "ID"));
        Assert.Equal("AwaitingReview", Field(show.Output, "Status"));
        Assert.Equal("general_inquiry / P3 (confidence 0.42)", Field(show.Output, "AI labels"));
        Assert.Equal("required: low_confidence", Field(show.Output, "Review"));
        Assert.Equal($"{ReviewTickets.Variant} v1", Field(show.Output, "Workflow"));
        var timelineLines = Lines(timeline.Output);
        Assert.StartsWith("SEQ", timelineLines[0], StringComparison.Ordinal);
        Assert.True(timelineLines.Length > 3, timeline.Output);
        Assert.Contains(Lines(queue.Output), l => l.StartsWith(id, StringComparison.Ordinal) && l.Contains("0.42", StringComparison.Ordinal) && l.Contains("low_confidence", StringComparison.Ordinal));
        Assert.StartsWith($"Claimed {id} for {TestApiKeys.PrincipalName("alice")} until ", claim.Output, StringComparison.Ordinal);
        Assert.StartsWith($"Approved {id}: Routed to queue ", approve.Output, StringComparison.Ordinal);
        Assert.Contains("as billing / P2.", approve.Output, StringComparison.Ordinal);
        var ticket = await server.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal(("Routed", "billing", "P2"), (ticket.GetProperty("status").GetString(), ticket.GetProperty("finalCategory").GetString(), ticket.GetProperty("finalPriority").GetString()));
    }

    [Fact]
    public async Task Reject_ThenApprove_RejectsOnceAndTheSecondDecisionIsAConflictExit4()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(server.Client);
        await ReviewTickets.WaitForStatusAsync(server.Client, id, "AwaitingReview");

        var reject = await RunAsync("bob", "reviews", "reject", id, "--comment", "spam");
        var again = await RunAsync("bob", "reviews", "approve", id);

        Assert.Equal((0, $"Rejected {id}: Rejected.", ""), (reject.ExitCode, reject.Output.Trim(), reject.Error));
        Assert.Equal((4, ""), (again.ExitCode, again.Output));
        Assert.Matches(@"^reviews approve: The ticket cannot take this decision: .+ \(HTTP 409\)$", again.Error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Failures_ExitWithTheirCodeAndOneLineReason_AndNeverPrintTheApiKey()
    {
        const string unknownKey = "rdk_not_a_key_secret_0123456789";
        var port = FreePort();

        var notFound = await RunAsync("alice", "tickets", "show", "tk_nope");
        var unknown = await CliProcess.RunAsync(["tickets", "list", "--server", server.Url, "--api-key", unknownKey]);
        var wrongRole = await RunAsync("operator", "reviews", "list");
        var invalid = await RunAsync("alice", "tickets", "list", "--status", "Bogus");
        var unreachable = await CliProcess.RunAsync(["tickets", "list"],
            new Dictionary<string, string> { ["REVIEWDESK_SERVER"] = $"http://127.0.0.1:{port}", ["REVIEWDESK_API_KEY"] = unknownKey });

        Assert.Equal(
            [3, 5, 5, 2, 1],
            new[] { notFound, unknown, wrongRole, invalid, unreachable }.Select(r => r.ExitCode));
        Assert.Equal("tickets show: Unknown ticket: No ticket tk_nope. (HTTP 404)", OneLine(notFound));
        Assert.Matches(@"^tickets list: .+ \(HTTP 401\)$", OneLine(unknown));
        Assert.Matches(@"^reviews list: .+ \(HTTP 403\)$", OneLine(wrongRole));
        Assert.Matches(@"^tickets list: .*status: The status must be one of .+ \(HTTP 400\)$", OneLine(invalid));
        Assert.StartsWith($"tickets list: cannot reach http://127.0.0.1:{port}: ", OneLine(unreachable), StringComparison.Ordinal);
        foreach (var run in new[] { notFound, unknown, wrongRole, invalid, unreachable })
        {
            Assert.Equal("", run.Output);
            Assert.DoesNotContain(unknownKey, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("rdk_test_", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WorkflowsExportImportPublishList_AsAdmin_RoundTripsADefinition()
    {
        var folder = Directory.CreateTempSubdirectory("reviewdesk-cli-");
        try
        {
            await ExportImportPublishListAsync(Path.Combine(folder.FullName, "support-triage.json"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private async Task ExportImportPublishListAsync(string file)
    {
        var export = await RunAsync("admin", "workflows", "export", "support-triage", "--version", "1", "--output", file);
        var import = await RunAsync("admin", "workflows", "import", file, "--json");
        var version = JsonNode.Parse(import.Output)!["info"]!["version"]!.GetValue<int>();
        var publish = await RunAsync("admin", "workflows", "publish", "support-triage", $"{version}");
        var publishAgain = await RunAsync("admin", "workflows", "publish", "support-triage", $"{version}");
        var list = await RunAsync("operator", "workflows", "list");

        Assert.Equal((0, $"Wrote {file}.", ""), (export.ExitCode, export.Output.Trim(), export.Error));
        Assert.Equal("support-triage", JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!["id"]!.GetValue<string>());
        Assert.Equal((0, ""), (import.ExitCode, import.Error));
        Assert.True(version > 1);
        Assert.Equal((0, $"Published support-triage v{version}.", ""), (publish.ExitCode, publish.Output.Trim(), publish.Error));
        Assert.Equal(4, publishAgain.ExitCode);
        Assert.EndsWith("(HTTP 409)", OneLine(publishAgain), StringComparison.Ordinal);
        Assert.Equal((0, ""), (list.ExitCode, list.Error));
        Assert.Contains(Lines(list.Output), l => l.StartsWith("support-triage ", StringComparison.Ordinal) && l.Contains($"v{version} Published", StringComparison.Ordinal));
    }

    /// <summary>Runs a verb as the test principal <paramref name="principal"/>, with the server and key from the environment.</summary>
    private Task<CliProcess.Result> RunAsync(string principal, params string[] args) =>
        CliProcess.RunAsync(args, new Dictionary<string, string>
        {
            ["REVIEWDESK_SERVER"] = server.Url,
            ["REVIEWDESK_API_KEY"] = TestApiKeys.For(principal),
        });

    /// <summary>The value of a "Name:   value" line of a record.</summary>
    private static string Field(string record, string name) =>
        Lines(record).Select(l => l.Split(':', 2)).Single(p => p[0] == name)[1].Trim();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The run's stderr, which must be exactly one line.</summary>
    private static string OneLine(CliProcess.Result run)
    {
        var lines = Lines(run.Error);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got: {run.Error}");
        return lines[0];
    }

    /// <summary>A port nothing listens on: bound by the system, then released.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
