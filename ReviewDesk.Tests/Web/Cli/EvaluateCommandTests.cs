using ReviewDesk.Web.Cli;

namespace ReviewDesk.Tests.Web.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reviewdesk-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Evaluate_SmallLabelledFile_PrintsTheFiguresAndExitsZero()
    {
        var input = Path.Combine(_folder, "labelled.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"subject": "Charged twice", "body": "I was charged twice for my subscription this month, please fix the invoice.", "category": "billing", "priority": "P2"}""",
            """{"subject": "Where is my parcel", "body": "My order has not arrived, the tracking has not moved for a week.", "category": "shipping", "priority": "P3"}""",
            """{"subject": "Dark mode?", "body": "Would be nice to have a dark mode in the app.", "category": "feature_request", "priority": "P4"}""",
        ], TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.TryRunAsync(["evaluate", "--input", input, "--model-dir", ReviewDeskWebFactory.LocalModelDirectory], stdout, stderr);

        Assert.Equal(0, exit);
        var text = stdout.ToString();
        Assert.Contains("tickets: 3", text, StringComparison.Ordinal);
        Assert.Matches(@"category accuracy: [01]\.\d{3}  macro-F1: [01]\.\d{3}", text);
        Assert.Matches(@"priority accuracy: [01]\.\d{3}", text);
        Assert.Contains("  billing ", text, StringComparison.Ordinal);
        Assert.Contains("expected calibration error: ", text, StringComparison.Ordinal);
        Assert.Contains("auto-route curve", text, StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    [Theory]
    [InlineData("""{"subject": "a", "body": "b", "category": "billing"}""", "line 1 needs string fields")]
    [InlineData("""{"subject": "a", "body": "b", "category": "nonsense", "priority": "P1"}""", "line 1 has a category or priority outside")]
    [InlineData("not json", "line 1 is not valid JSON")]
    public async Task Evaluate_BadFile_ExitsNonZeroWithAOneLineReason(string line, string reason)
    {
        var input = Path.Combine(_folder, "bad.jsonl");
        await File.WriteAllLinesAsync(input, [line], TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.TryRunAsync(["evaluate", "--input", input, "--model-dir", Path.Combine(_folder, "models")], stdout, stderr);

        Assert.NotEqual(0, exit);
        var message = stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("evaluate: ", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
