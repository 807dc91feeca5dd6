using ReviewDesk.Harness;

namespace ReviewDesk.Tests.Harness;

public sealed class LatencySummaryTests
{
    [Fact]
    public void From_OneToHundred_GivesNearestRankPercentiles()
    {
        // Shuffled, so the summary must sort.
        var values = Enumerable.Range(1, 100).Select(i => (double)(i * 37 % 101)).ToList();

        var summary = LatencySummary.From(values);

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50);
        Assert.Equal(90, summary.P90);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
    }

    [Theory]
    [InlineData(50, 3)]   // rank ceil(2.5) = 3
    [InlineData(90, 5)]   // rank ceil(4.5) = 5
    [InlineData(99, 5)]
    [InlineData(100, 5)]
    [InlineData(1, 1)]    // rank ceil(0.05) = 1: never below the smallest value
    public void Percentile_FiveValues_IsAMeasuredValue(double percent, double expected)
    {
        Assert.Equal(expected, LatencySummary.Percentile([1, 2, 3, 4, 5], percent));
    }

    [Fact]
    public void From_NoValues_IsAllZeros()
    {
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0), LatencySummary.From([]));
    }
}
