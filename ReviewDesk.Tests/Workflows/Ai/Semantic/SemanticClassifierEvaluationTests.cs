using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

/// <summary>
/// Holds the semantic model, and the cascade of the fast model into it, to floors on the local
/// model's held-out split; the figures are printed (see RESULTS.md beside the local tests).
/// </summary>
public sealed class SemanticClassifierEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_HeldOutSplit_BeatsTheFastModelAndMeetsFloors()
    {
        // Act
        var report = SemanticClassifierEvaluation.Run();

        // Assert
        output.WriteLine(report.ToMarkdown());
        output.WriteLine($"embeddings/s while training: {report.EmbeddingsPerSecond:0}; train time {report.TrainTime.TotalSeconds:0.0} s");
        Assert.Equal(231, report.HeldOutTickets);

        // Floors just under the measured figures (deterministic split and training), so a regression fails.
        Assert.True(report.Accuracy >= 0.845, $"category accuracy {report.Accuracy:0.000} < 0.845");
        Assert.True(report.Accuracy > report.FastAccuracy, $"semantic {report.Accuracy:0.000} does not beat the fast model {report.FastAccuracy:0.000}");
        Assert.True(report.MacroF1 >= 0.845, $"category macro-F1 {report.MacroF1:0.000} < 0.845");
        Assert.True(report.P1Recall >= 0.92, $"P1 recall {report.P1Recall:0.000} < 0.92 (13 of the 14 P1 tickets)");
        Assert.True(report.P1Recall > report.FastP1Recall, $"P1 recall {report.P1Recall:0.000} does not beat the fast model's {report.FastP1Recall:0.000}");
        Assert.True(report.PriorityAccuracy >= 0.745, $"priority accuracy {report.PriorityAccuracy:0.000} < 0.745");
        Assert.True(report.OutOfFoldP1Recall >= 0.9, $"the priority decision's out-of-fold P1 recall {report.OutOfFoldP1Recall:0.000} < 0.9");
        var routed = SemanticEvaluationReport.BestCoverageAt(report.SemanticCurve, 0.95);
        Assert.True(routed is { Coverage: >= 0.6 }, $"at an auto-routed accuracy of 0.95 only {routed?.Coverage ?? 0:0.000} of the tickets route without a human (< 0.6)");
        Assert.True(report.CascadeAccuracy >= report.FastAccuracy, "the cascade is worse than the fast model alone");
    }
}
