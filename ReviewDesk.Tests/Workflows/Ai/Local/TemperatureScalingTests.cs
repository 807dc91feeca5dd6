using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class TemperatureScalingTests
{
    [Fact]
    public void Apply_TemperatureOne_KeepsProbabilities()
    {
        var result = TemperatureScaling.Apply([0.7f, 0.2f, 0.1f], 1.0);

        Assert.Equal([0.7, 0.2, 0.1], result.Select(p => Math.Round(p, 6)));
    }

    [Fact]
    public void Apply_HighTemperature_SoftensButKeepsRanking()
    {
        var result = TemperatureScaling.Apply([0.7f, 0.2f, 0.1f], 3.0);

        Assert.True(result[0] < 0.7 && result[0] > result[1] && result[1] > result[2]);
        Assert.Equal(1.0, result.Sum(), 9);
    }

    [Fact]
    public void Fit_OverconfidentScores_ReturnsTemperatureAboveOne()
    {
        // Arrange: always 95% sure, right only 60% of the time.
        var probabilities = Enumerable.Range(0, 100).Select(_ => new[] { 0.95f, 0.05f }).ToList();
        var truth = Enumerable.Range(0, 100).Select(i => i % 5 < 3 ? 0 : 1).ToList();

        // Act
        var temperature = TemperatureScaling.Fit(probabilities, truth);

        // Assert: the scaled top probability approaches the observed 60%.
        Assert.True(temperature > 1.5, $"T = {temperature}");
        Assert.InRange(TemperatureScaling.Apply(probabilities[0], temperature)[0], 0.55, 0.65);
    }

    [Fact]
    public void Fit_NoData_ReturnsOne()
    {
        Assert.Equal(1.0, TemperatureScaling.Fit([], []));
    }
}
