using System.Text.Json.Nodes;
using ReviewDesk.Web.Cli;
using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Tests.Web.Cli;

public sealed class TriageCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Triage_ClassifiesWithTheLocalModel_AppliesReviewRules_AndReportsMalformedLines()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        var output = Path.Combine(_folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "t1", "subject": "Charged twice", "body": "I was charged twice for my subscription this month, please fix the invoice."}""",
            """{"id": "t2", "subject": "no body"}""",
            """{"id": "t3", "subject": "Card declined", "body": "My card 4111 1111 1111 1111 was charged but the order failed."}""",
        ], TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.TryRunAsync(["triage", "--input", input, "--output", output, "--model-dir", ReviewDeskWebFactory.LocalModelDirectory, "--audit-percent", "0"], stdout, stderr);

        Assert.Equal(1, exit);
        var lines = (await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["t1", "t3"], lines.Select(l => l["id"]!.GetValue<string>()));
        Assert.Equal("billing", lines[0]["category"]!.GetValue<string>());
        Assert.All(lines, l =>
        {
            Assert.Contains(l["priority"]!.GetValue<string>(), TicketLabels.Priorities);
            Assert.Contains(l["sentiment"]!.GetValue<string>(), TicketLabels.Sentiments);
            Assert.Equal("en", l["language"]!.GetValue<string>());
            Assert.InRange(l["confidence"]!.GetValue<double>(), 0, 1);
        });
        Assert.True(lines[1]["needs_review"]!.GetValue<bool>());
        Assert.Contains("high_risk_pii", lines[1]["review_reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("triage: line 2: \"body\" is missing or not a string", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_BadOption_ExitsTwoWithOneLineReason()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.TryRunAsync(["triage", "--input", "a", "--output", "b", "--threshold", "high"], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Equal("triage: --threshold must be a number from 0 to 1 (see --help)", stderr.ToString().Trim());
    }
}
