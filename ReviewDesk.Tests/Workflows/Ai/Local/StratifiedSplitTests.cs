using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void Split_SameSeed_GivesSameStratifiedParts()
    {
        // Arrange
        var items = Enumerable.Range(0, 100).Select(i => (Id: i, Class: i % 4 == 0 ? "a" : "b")).ToList();

        // Act
        var (kept1, held1) = StratifiedSplit.Split(items, x => x.Class, 0.2, seed: 7);
        var (kept2, held2) = StratifiedSplit.Split(items, x => x.Class, 0.2, seed: 7);
        var (_, held3) = StratifiedSplit.Split(items, x => x.Class, 0.2, seed: 8);

        // Assert
        Assert.Equal(held1, held2);
        Assert.Equal(kept1, kept2);
        Assert.NotEqual(held1, held3);
        Assert.Equal(5, held1.Count(x => x.Class == "a"));
        Assert.Equal(15, held1.Count(x => x.Class == "b"));
        Assert.Equal(100, kept1.Concat(held1).Select(x => x.Id).Distinct().Count());
    }
}
