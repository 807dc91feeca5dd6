using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>Bulk actions in the review queue (issue 15, item 11): select several tickets, confirm, see what happened to each.</summary>
public sealed class BulkReviewTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_SelectThreeInTheQueue_ApproveAsSuggested_SummaryShowsThreeDone_AndTheyLeaveAnotherOpenQueueLive()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(await ReviewTickets.SubmitUnclearAsync(Api, $"Bulk ticket {i}"));
        foreach (var id in ids) await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var reviewer = await OpenQueueAsync(ReviewDeskRoles.Reviewer);
        var watcher = await OpenQueueAsync(ReviewDeskRoles.Admin);
        foreach (var id in ids) await Expect(Row(watcher, id)).ToBeVisibleAsync();

        foreach (var id in ids.Take(3)) await reviewer.Locator($"[data-testid=queue-select][data-ticket='{id}'] input").CheckAsync();
        await Expect(reviewer.GetByTestId("bulk-count")).ToHaveTextAsync("3 selected");
        await reviewer.GetByTestId("bulk-approve").ClickAsync();
        await Expect(reviewer.GetByTestId("bulk-dialog-summary")).ToHaveTextAsync("Approve 3 tickets as the AI suggested?");
        await reviewer.GetByTestId("bulk-confirm").ClickAsync();

        await Expect(reviewer.GetByTestId("bulk-summary-counts")).ToContainTextAsync("3 done, 0 skipped");
        await Expect(reviewer.Locator("[data-testid=bulk-result][data-outcome=done]")).ToHaveCountAsync(3);
        foreach (var id in ids.Take(3))
        {
            await Expect(Row(watcher, id)).ToHaveCountAsync(0);
            await Expect(Row(reviewer, id)).ToHaveCountAsync(0);
        }

        await Expect(Row(watcher, ids[3])).ToBeVisibleAsync();
        foreach (var id in ids.Take(3))
        {
            var ticket = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
            Assert.Equal("Routed", ticket.GetProperty("status").GetString());
            Assert.Equal(TestEmail(ReviewDeskRoles.Reviewer), ticket.GetProperty("decision").GetProperty("reviewer").GetString());
        }

        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_OnAPhone_SelectAllOnThePage_Escalate_FitsTheScreen_AndSaysWhatHappenedToEach()
    {
        var ids = new List<string>();
        for (var i = 0; i < 2; i++) ids.Add(await ReviewTickets.SubmitUnclearAsync(Api, $"Phone bulk {i}"));
        foreach (var id in ids) await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var page = await OpenQueueAsync(ReviewDeskRoles.Reviewer, phone: true);
        foreach (var id in ids) await Expect(Row(page, id)).ToBeVisibleAsync();

        await page.GetByTestId("queue-select-all").Locator("input").CheckAsync();
        await Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("2 selected");
        Assert.True(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") <= 390, "the page scrolls sideways");
        var bar = await page.GetByTestId("bulk-bar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.X >= 0 && bar.X + bar.Width <= 390, $"the bulk bar spans x {bar.X:0}..{bar.X + bar.Width:0}");
        await page.GetByTestId("bulk-escalate").ClickAsync();
        await Expect(page.GetByTestId("bulk-dialog-summary")).ToHaveTextAsync("Escalate 2 tickets?");
        await page.GetByTestId("bulk-confirm").ClickAsync();

        await Expect(page.GetByTestId("bulk-summary-counts")).ToContainTextAsync("2 done, 0 skipped");
        foreach (var id in ids)
        {
            await Expect(page.Locator($"[data-testid=bulk-result][data-ticket='{id}']")).ToHaveAttributeAsync("data-outcome", "done");
            var ticket = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
            Assert.Equal(("Escalated", 1), (ticket.GetProperty("status").GetString(), ticket.GetProperty("escalations").GetInt32()));
        }

        Assert.Empty(ConsoleErrors);
    }

    private static ILocator Row(IPage page, string ticketId) => page.Locator($"[data-testid=queue-row][data-ticket='{ticketId}']");

    private async Task<IPage> OpenQueueAsync(string role, bool phone = false)
    {
        var page = await NewSignedInPageAsync(role);
        if (phone) await page.SetViewportSizeAsync(390, 844);
        await GotoAsync(page, "/review");
        await page.GetByTestId("queue-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }
}
