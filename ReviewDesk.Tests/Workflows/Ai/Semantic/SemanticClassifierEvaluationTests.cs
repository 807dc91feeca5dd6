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
        Assert.True(report.Accuracy >= 0.78, $"category accuracy {report.Accuracy:0.000} < 0.78");
        Assert.True(report.Accuracy > report.FastAccuracy, $"semantic {report.Accuracy:0.000} does not beat the fast model {report.FastAccuracy:0.000}");
        Assert.True(report.MacroF1 >= 0.78, $"category macro-F1 {report.MacroF1:0.000} < 0.78");
        Assert.True(report.P1Recall > report.FastP1Recall, $"P1 recall {report.P1Recall:0.000} does not beat the fast model's {report.FastP1Recall:0.000}");
        Assert.True(report.PriorityAccuracy >= 0.65, $"priority accuracy {report.PriorityAccuracy:0.000} < 0.65");
        Assert.True(report.CascadeAccuracy >= report.FastAccuracy, "the cascade is worse than the fast model alone");
    }
}
