using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

/// <summary>
/// Holds the local model to floors on the held-out split and writes the figures to RESULTS.md
/// beside this file. The split and training are deterministic, so the figures reproduce exactly
/// on a machine; the floors sit about 5 points under them to catch regressions, not noise.
/// </summary>
public sealed class LocalClassifierEvaluationTests(ITestOutputHelper output)
{
    private const string StartMarker = "<!-- eval:start (written by LocalClassifierEvaluationTests, do not edit) -->";
    private const string EndMarker = "<!-- eval:end -->";

    [Fact]
    public void Run_HeldOutSplit_MeetsAccuracyFloors()
    {
        // Act
        var report = LocalClassifierEvaluation.Run();

        // Assert
        var markdown = report.ToMarkdown();
        output.WriteLine(markdown);
        output.WriteLine(report.TimingsLine());
        WriteResults(markdown);

        Assert.Equal(231, report.HeldOutTickets);
        Assert.True(report.Accuracy >= 0.65, $"category accuracy {report.Accuracy:0.000} < 0.65");
        Assert.True(report.MacroF1 >= 0.65, $"category macro-F1 {report.MacroF1:0.000} < 0.65");
        Assert.True(report.PriorityAccuracy >= 0.65, $"priority accuracy {report.PriorityAccuracy:0.000} < 0.65");
        Assert.True(report.SentimentAccuracy >= 0.78, $"sentiment accuracy {report.SentimentAccuracy:0.000} < 0.78");
        Assert.True(report.LanguageAccuracy >= 0.97, $"language accuracy {report.LanguageAccuracy:0.000} < 0.97");
        Assert.True(report.EceAfter <= 0.12, $"expected calibration error {report.EceAfter:0.000} > 0.12");
        Assert.True(report.ReloadedModelAgrees, "the saved-and-reloaded model answers differently");
    }

    private static void WriteResults(string markdown)
    {
        var section = $"{StartMarker}\n{markdown.TrimEnd()}\n{EndMarker}";
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "local-classifier-results.md"), section + "\n");

        // Refresh the committed RESULTS.md when the tests run from a source checkout.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReviewDesk.sln")))
        {
            directory = directory.Parent;
        }

        var results = directory is null ? null : Path.Combine(directory.FullName, "ReviewDesk.Tests", "Workflows", "Ai", "Local", "RESULTS.md");
        if (results is null || !File.Exists(results))
        {
            return;
        }

        var text = File.ReadAllText(results).ReplaceLineEndings("\n");
        var start = text.IndexOf(StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return;
        }

        var updated = string.Concat(text.AsSpan(0, start), section, text.AsSpan(end + EndMarker.Length));
        if (updated != text)
        {
            File.WriteAllText(results, updated);
        }
    }
}
