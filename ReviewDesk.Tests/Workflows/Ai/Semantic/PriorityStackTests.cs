using Microsoft.ML;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Tests.Workflows.Ai.Semantic;

public sealed class PriorityStackTests
{
    [Fact]
    public void Features_Inputs_AreLaidOutHeadCategoriesImpactCuesPriorityCues()
    {
        // Arrange
        float[] head = [0.1f, 0.2f, 0.3f, 0.4f];
        var categories = Enumerable.Range(0, PriorityStack.CategoryCount).Select(i => 10f + i).ToArray();
        var impact = Enumerable.Range(0, ImpactCues.Count).Select(i => 100f + i).ToArray();
        var priority = Enumerable.Range(0, PriorityCues.Count).Select(i => 1000f + i).ToArray();

        // Act
        var features = PriorityStack.Features(head, categories, impact, priority);

        // Assert
        Assert.Equal(PriorityStack.FeatureCount, features.Length);
        Assert.Equal([.. head, .. categories, .. impact, .. priority], features);
        Assert.Equal(PriorityStack.CategoryCount, TicketLabels.Categories.Count);
    }

    [Fact]
    public void Features_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => PriorityStack.Features(new float[3], new float[PriorityStack.CategoryCount], new float[ImpactCues.Count], new float[PriorityCues.Count]));

    [Fact]
    public void Normalize_Scores_AreReorderedClampedAndSumToOne()
    {
        // Arrange: the stacker's key order P3, P1, P4, P2; one negative score.
        float[] scores = [0.6f, 0.2f, -0.1f, 0.2f];
        int[] slots = [1, 3, 0, 2];

        // Act
        var probabilities = PriorityStack.Normalize(scores, slots);

        // Assert: P1 0.2, P2 0.2, P3 0.6, P4 0 (divided by 1.0).
        Assert.Equal([0.2f, 0.2f, 0.6f, 0f], probabilities, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Normalize_NoPositiveScoreOrMissingPriority_GivesUniformOrZero()
    {
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f], PriorityStack.Normalize([0f, -1f, 0f, 0f], [0, 1, 2, 3]));
        Assert.Equal([0.5f, 0f, 0.5f, 0f], PriorityStack.Normalize([0.3f, 0.3f], [0, -1, 1, -1]));
    }

    [Fact]
    public void Fit_SeparableRows_LearnsThePriorityAndSurvivesSaveAndLoad()
    {
        // Arrange: the priority follows the largest head probability; every label has enough rows for a leaf.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            var label = i % 4;
            var head = Enumerable.Range(0, 4).Select(k => k == label ? 0.7f : 0.1f).ToArray();
            var categories = Enumerable.Range(0, PriorityStack.CategoryCount).Select(_ => (float)random.NextDouble()).ToArray();
            return new PriorityStackInput
            {
                Features = PriorityStack.Features(head, categories, new float[ImpactCues.Count], new float[PriorityCues.Count]),
                Label = TicketLabels.Priorities[label],
            };
        }).ToList();
        var ml = new MLContext(1);

        // Act
        using var stack = PriorityStack.Fit(ml, rows);
        using var saved = new MemoryStream();
        stack.Save(saved);
        saved.Position = 0;
        using var loaded = PriorityStack.Load(new MLContext(1), saved);

        // Assert
        foreach (var row in rows.Take(8))
        {
            var probabilities = loaded.Probabilities(row.Features);
            Assert.Equal(1f, probabilities.Sum(), 4);
            Assert.Equal(row.Label, TicketLabels.Priorities[Array.IndexOf(probabilities, probabilities.Max())]);
            Assert.Equal(stack.Probabilities(row.Features), probabilities);
        }
    }
}
