using System.Text.Json.Nodes;
using ReviewDesk.Web.Cli;

namespace ReviewDesk.Tests.Web.Cli;

public sealed class PiiCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Pii_GoodAndMalformedLines_WritesTheGoodOnesAndReportsTheBadWithLineNumbers()
    {
        var input = Path.Combine(_folder, "in.jsonl");
        var output = Path.Combine(_folder, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id": "a", "text": "Write to jane.doe@example.com about order 88123"}""",
            """{"id": "b", "text": """,
            """{"id": 3, "text": "Card 4111 1111 1111 1111 was declined"}""",
            """{"id": "d"}""",
        ], TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.TryRunAsync(["pii", "--input", input, "--output", output], stdout, stderr);

        Assert.Equal(1, exit);
        var lines = (await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("Write to <EMAIL_ADDRESS_1> about order 88123", lines[0]["redacted"]!.GetValue<string>());
        var email = lines[0]["entities"]!.AsArray().Single()!;
        Assert.Equal(("EMAIL_ADDRESS", 9, 29, "jane.doe@example.com"), (email["type"]!.GetValue<string>(), email["start"]!.GetValue<int>(), email["end"]!.GetValue<int>(), email["text"]!.GetValue<string>()));
        Assert.InRange(email["score"]!.GetValue<double>(), 0.5, 1.0);
        Assert.Equal(3, lines[1]["id"]!.GetValue<int>());
        Assert.Equal("CREDIT_CARD", lines[1]["entities"]![0]!["type"]!.GetValue<string>());
        var errors = stderr.ToString();
        Assert.Contains("pii: line 2:", errors, StringComparison.Ordinal);
        Assert.Contains("pii: line 4: \"text\" is missing or not a string", errors, StringComparison.Ordinal);
        Assert.Contains("2 lines written, 2 rejected", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pii_MissingArgumentsOrFile_ExitsNonZeroWithOneLineReason()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var missing = await CliApp.TryRunAsync(["pii", "--input", "x.jsonl"], stdout, stderr);
        var unknown = await CliApp.TryRunAsync(["pii", "--colour", "red"], stdout, stderr);
        var noFile = await CliApp.TryRunAsync(["pii", "--input", Path.Combine(_folder, "none.jsonl"), "--output", Path.Combine(_folder, "o.jsonl")], stdout, stderr);
        var help = await CliApp.TryRunAsync(["pii", "--help"], stdout, stderr);
        var server = await CliApp.TryRunAsync(["--urls", "http://127.0.0.1:1"], stdout, stderr);

        Assert.Equal((2, 2, 2, 0), (missing, unknown, noFile, help));
        Assert.Null(server);
        Assert.Equal(3, stderr.ToString().Trim().Split('\n').Length);
        Assert.Contains("usage: ReviewDesk.Web pii", stdout.ToString(), StringComparison.Ordinal);
    }
}
