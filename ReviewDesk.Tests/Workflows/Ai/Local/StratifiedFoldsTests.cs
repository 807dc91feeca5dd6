using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class StratifiedFoldsTests
{
    [Fact]
    public void Assign_SameSeed_DealsEachStratumEvenlyAndReproducibly()
    {
        // Arrange: 40 of "a" and 11 of "b"
        var items = Enumerable.Range(0, 51).Select(i => i < 40 ? "a" : "b").ToList();

        // Act
        var folds = StratifiedFolds.Assign(items, x => x, 5, seed: 3);
        var again = StratifiedFolds.Assign(items, x => x, 5, seed: 3);
        var other = StratifiedFolds.Assign(items, x => x, 5, seed: 4);

        // Assert
        Assert.Equal(folds, again);
        Assert.NotEqual(folds, other);
        Assert.All(Enumerable.Range(0, 5), f => Assert.Equal(8, Enumerable.Range(0, 40).Count(i => folds[i] == f)));
        Assert.All(Enumerable.Range(0, 5), f => Assert.InRange(Enumerable.Range(40, 11).Count(i => folds[i] == f), 2, 3));
    }
}
