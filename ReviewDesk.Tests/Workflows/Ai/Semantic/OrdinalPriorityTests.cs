using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

public sealed class OrdinalPriorityTests
{
    [Fact]
    public void ClassProbabilities_CumulativeProbabilities_AreTheirDifferences()
    {
        // Act
        var probabilities = OrdinalPriority.ClassProbabilities(0.1f, 0.4f, 0.9f);

        // Assert
        Assert.Equal([0.1f, 0.3f, 0.5f, 0.1f], probabilities, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void ClassProbabilities_CrossingHeads_StayNonNegativeAndSumToOne()
    {
        // Arrange: "at least P2" below "at least P1", and out-of-range or missing values.
        (float, float, float)[] cases = [(0.6f, 0.3f, 0.8f), (0.2f, 0.9f, 0.5f), (-0.1f, 1.2f, float.NaN), (1f, 0f, 0f)];

        foreach (var (p1, p2, p3) in cases)
        {
            // Act
            var probabilities = OrdinalPriority.ClassProbabilities(p1, p2, p3);

            // Assert
            Assert.Equal(TicketLabels.Priorities.Count, probabilities.Length);
            Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(1f, probabilities.Sum(), 5);
        }
    }

    [Fact]
    public void ClassProbabilities_CrossingHeads_KeepTheMoreUrgentHeadsAnswer()
    {
        // Act: the P1 head says 0.6, the P2 head (P1 or P2) only 0.3.
        var probabilities = OrdinalPriority.ClassProbabilities(0.6f, 0.3f, 0.8f);

        // Assert
        Assert.Equal(0.6f, probabilities[0], 6);
        Assert.Equal(0f, probabilities[1], 6);
        Assert.Equal(0.2f, probabilities[2], 6);
    }

    [Theory]
    [InlineData("P1", 0, true)]
    [InlineData("P2", 0, false)]
    [InlineData("P2", 1, true)]
    [InlineData("P3", 1, false)]
    [InlineData("P3", 2, true)]
    [InlineData("P4", 2, false)]
    [InlineData("", 2, false)]
    public void AtLeast_Priority_IsAtLeastAsUrgentAsTheLevel(string priority, int level, bool expected) =>
        Assert.Equal(expected, OrdinalPriority.AtLeast(priority, level));
}
