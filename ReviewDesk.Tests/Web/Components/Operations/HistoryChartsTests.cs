using Bunit;
using ReviewDesk.Web.Components.Operations;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Tests.Web.Components.Operations;

/// <summary>The history charts and the stuck-work banner, rendered from a history built by hand.</summary>
public sealed class HistoryChartsTests : BunitTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_History_ShowsTotalsAChartPerCardAndARowPerStep()
    {
        RenderPopoverProvider();

        var cut = Render<HistoryCharts>(p => p.Add(c => c.History, History()));

        Assert.Equal("6", cut.Find("[data-testid=history-submitted-total]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=history-routed-total]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=history-reviewed-total]").TextContent);
        foreach (var card in new[] { "history-throughput", "history-latency", "history-due", "history-due-age", "history-backlog", "history-failures", "history-cost" })
        {
            Assert.NotNull(cut.Find($"[data-testid={card}] svg"));
        }

        Assert.Equal("now 2, oldest waiting 7 min", cut.Find("[data-testid=history-due-summary]").TextContent);
        Assert.Equal("now 4", cut.Find("[data-testid=history-backlog-summary]").TextContent);
        Assert.Equal("1 failed and 1 retried of 10 attempts", cut.Find("[data-testid=history-failures-summary]").TextContent);
        Assert.Equal("0.003 in this window", cut.Find("[data-testid=history-cost-summary]").TextContent);
        var classify = cut.Find("[data-testid=step-row][data-activity=Classify]");
        Assert.Equal("120 ms", classify.QuerySelector("[data-testid=step-p50]")!.TextContent);
        Assert.Equal("900 ms", classify.QuerySelector("[data-testid=step-p95]")!.TextContent);
        Assert.Equal("25%", classify.QuerySelector("[data-testid=step-failure-rate]")!.TextContent);
        Assert.Equal("25%", classify.QuerySelector("[data-testid=step-retry-rate]")!.TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=step-row]").Count);
        Assert.Equal("LastHour", cut.Find("[data-testid=history]").GetAttribute("data-range"));
    }

    [Fact]
    public async Task ClickLastDay_RaisesRangeChanged()
    {
        RenderPopoverProvider();
        HistoryRange? picked = null;
        var cut = Render<HistoryCharts>(p => p.Add(c => c.History, History()).Add(c => c.RangeChanged, r => picked = r));

        await cut.FindAll("[data-testid=history-range] .mud-toggle-item").Single(b => b.TextContent.Contains("Last day", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Equal(HistoryRange.LastDay, picked);
    }

    [Fact]
    public void Render_NoStep_SaysSo()
    {
        var empty = History() with { Steps = [] };

        var cut = Render<HistoryCharts>(p => p.Add(c => c.History, empty));

        Assert.Equal("No step ran in this window.", cut.Find("[data-testid=history-steps-empty]").TextContent);
    }

    [Theory]
    [InlineData(2, 301, true)]
    [InlineData(2, 299, false)]
    [InlineData(0, 0, false)]
    public void StuckWorkBanner_OldestDueAgeOverTheThreshold_Shows(int count, int oldestSeconds, bool shown)
    {
        var cut = Render<StuckWorkBanner>(p => p
            .Add(c => c.Due, new DueWork(count, TimeSpan.FromSeconds(oldestSeconds)))
            .Add(c => c.StuckAfter, TimeSpan.FromMinutes(5)));

        Assert.Equal(shown, cut.FindAll("[data-testid=stuck-work-banner]").Count == 1);
        if (shown)
        {
            Assert.Equal("5 min", cut.Find("[data-testid=stuck-work-age]").TextContent);
            Assert.Contains("2 work items are due and unclaimed", cut.Markup, StringComparison.Ordinal);
            Assert.Contains("(threshold 5 min)", cut.Markup, StringComparison.Ordinal);
        }
    }

    private static OperationsHistory History()
    {
        var bucket = TimeSpan.FromMinutes(5);
        var buckets = Enumerable.Range(0, 12).Select(i => new HistoryBucket(At.AddHours(-1) + (bucket * i),
            Submitted: i % 2, Routed: i % 4 == 0 ? 1 : 0, Reviewed: i == 11 ? 1 : 0, ReviewBacklog: i < 11 ? 3 : 4, DueWork: i == 11 ? 2 : 0,
            OldestDueAgeSeconds: i == 11 ? 420 : 0, Attempts: i < 10 ? 1 : 0, Failures: i == 3 ? 1 : 0, Retries: i == 4 ? 1 : 0,
            Cost: i == 5 ? 0.003 : 0)).ToList();
        double?[] p95 = [.. Enumerable.Range(0, 12).Select(i => i == 3 ? 900.0 : (double?)null)];
        return new OperationsHistory(HistoryRange.LastHour, At, bucket, buckets,
        [
            new StepHistory("Classify", 4, 1, 1, 120, 900, p95, p95),
            new StepHistory("Scrub", 6, 0, 0, 8, 12, p95, p95),
        ], false, new DueWork(2, TimeSpan.FromMinutes(7)));
    }
}
