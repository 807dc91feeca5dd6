using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 13, item 4: the board's history charts in chromium, live. The app runs without a worker, so a submitted
/// ticket's first step stays due and unclaimed: it is counted as submitted at once, and becomes stuck work once it has
/// waited longer than the (short) threshold, with nobody touching the page.
/// </summary>
public sealed class OperationsHistoryTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureFactory(ReviewDeskWebFactory factory)
    {
        factory.Settings["Workflows:Worker:Enabled"] = "false";
        factory.Settings["Operations:StuckWorkThreshold"] = "00:00:02";
        factory.Settings["Operations:RefreshInterval"] = "00:00:00.5";
        factory.Settings["Operations:HistoryCacheDuration"] = "00:00:00";
    }

    [Fact]
    public async Task HistoryCharts_RenderAndUpdateLive_AndTheStuckWorkBannerAppears()
    {
        var board = await NewSignedInPageAsync(ReviewDeskRoles.Operator, "/operations");
        await Expect(board.GetByTestId("live-indicator")).ToBeVisibleAsync();
        await board.EvaluateAsync("() => window.e2eNotReloaded = true");
        foreach (var card in new[] { "history-throughput", "history-latency", "history-due", "history-due-age", "history-backlog", "history-failures", "history-cost" })
        {
            await Expect(board.GetByTestId(card).Locator("svg").First).ToBeVisibleAsync();
        }

        await Expect(board.GetByTestId("history-submitted-total")).ToHaveTextAsync("0");
        await Expect(board.GetByTestId("history-due-summary")).ToHaveTextAsync("now 0, oldest waiting 0 s");
        await Expect(board.GetByTestId("stuck-work-banner")).ToHaveCountAsync(0);
        var chartBefore = await board.GetByTestId("history-throughput").Locator("svg").First.InnerHTMLAsync();

        using var submitted = await Api.PostAsJsonAsync("/api/tickets", new { subject = "Printer on fire", body = "it smokes" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        await Expect(board.GetByTestId("history-submitted-total")).ToHaveTextAsync("1");
        await Expect(board.GetByTestId("history-due-summary")).ToContainTextAsync("now 1,");
        Assert.NotEqual(chartBefore, await board.GetByTestId("history-throughput").Locator("svg").First.InnerHTMLAsync());
        // Nobody claims the step: after the threshold the banner says so, on the board's own periodic reload.
        await Expect(board.GetByTestId("stuck-work-banner")).ToBeVisibleAsync();
        await Expect(board.GetByTestId("stuck-work-banner")).ToContainTextAsync("1 work item is due and unclaimed");

        await board.GetByTestId("history-range").GetByText("Last day").ClickAsync();
        await Expect(board.GetByTestId("history")).ToHaveAttributeAsync("data-range", "LastDay");
        await Expect(board.GetByTestId("history-submitted-total")).ToHaveTextAsync("1");
        Assert.True(await board.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the board reloaded");
        await SaveScreenshotAsync(board, "board-history-stuck");
        Assert.Empty(ConsoleErrors);
    }
}
