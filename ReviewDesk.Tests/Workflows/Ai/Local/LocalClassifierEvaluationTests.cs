using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

/// <summary>
/// Holds the local model to floors on the held-out split and writes the figures to RESULTS.md
/// beside this file. The split and training are deterministic, so the figures reproduce exactly
/// on a machine; the floors sit just under them, so a regression fails.
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
        // Floors just under the measured figures (deterministic split and training), so a regression fails.
        Assert.True(report.Accuracy >= 0.69, $"category accuracy {report.Accuracy:0.000} < 0.69");
        Assert.True(report.MacroF1 >= 0.69, $"category macro-F1 {report.MacroF1:0.000} < 0.69");
        Assert.True(report.PriorityAccuracy >= 0.72, $"priority accuracy {report.PriorityAccuracy:0.000} < 0.72");
        var p1Recall = report.PerPriority.First(p => p.Label == "P1").Recall;
        Assert.True(p1Recall >= 0.42, $"P1 recall {p1Recall:0.000} < 0.42 (6 of the 14 P1 tickets)");
        Assert.True(report.SentimentAccuracy >= 0.83, $"sentiment accuracy {report.SentimentAccuracy:0.000} < 0.83");
        Assert.True(report.LanguageAccuracy >= 0.99, $"language accuracy {report.LanguageAccuracy:0.000} < 0.99");
        Assert.True(report.EceAfter <= 0.08, $"expected calibration error {report.EceAfter:0.000} > 0.08");
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
