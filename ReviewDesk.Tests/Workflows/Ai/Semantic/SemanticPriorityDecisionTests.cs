using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

public sealed class SemanticPriorityDecisionTests
{
    private static readonly string[] Slots = ["P3", "P1", "P4", "P2"];

    [Fact]
    public void DecidePriority_P1AtItsThreshold_WinsOverAMoreProbableClass()
    {
        float[] scores = [0.7f, 0.05f, 0.15f, 0.1f];

        Assert.Equal("P1", SemanticModel.DecidePriority(scores, Slots, p1Threshold: 0.05));
        Assert.Equal("P3", SemanticModel.DecidePriority(scores, Slots, p1Threshold: 0.06));
    }

    [Fact]
    public void DecidePriority_ClassWeights_TipTheChoiceBelowTheThreshold()
    {
        float[] scores = [0.4f, 0.0f, 0.25f, 0.35f];

        Assert.Equal("P3", SemanticModel.DecidePriority(scores, Slots, 0.5));
        Assert.Equal("P2", SemanticModel.DecidePriority(scores, Slots, 0.5, p2Weight: 1.3));
        Assert.Equal("P4", SemanticModel.DecidePriority(scores, Slots, 0.5, p2Weight: 1.0, p4Weight: 1.75));
    }
}
