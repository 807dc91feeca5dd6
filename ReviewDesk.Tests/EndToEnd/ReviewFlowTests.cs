using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The reviewer console in chromium: a ticket from the API reaches open queues live, a reviewer edits and approves it.</summary>
public sealed class ReviewFlowTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task TicketFromTheApi_IsEditedAndApprovedInTheBrowser_AndLeavesEveryOpenQueue()
    {
        var reviewer = await OpenQueueAsync(ReviewDeskRoles.Reviewer);
        var watcher = await OpenQueueAsync(ReviewDeskRoles.Admin);

        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel never arrived, billing me anyway");

        foreach (var queue in (IPage[])[reviewer, watcher])
        {
            await Expect(QueueRow(queue, id)).ToBeVisibleAsync();
            Assert.True(await queue.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the queue reloaded");
        }

        await SaveScreenshotAsync(reviewer, "queue-with-new-ticket");

        await QueueRow(reviewer, id).GetByTestId("queue-row-link").ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new Uri(BaseAddress, $"/tickets/{id}").ToString());
        await reviewer.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(reviewer.GetByTestId("claim-banner")).ToContainTextAsync("You hold this ticket");
        await Expect(watcher.GetByTestId("queue-row-claim")).ToContainTextAsync(TestEmail(ReviewDeskRoles.Reviewer));
        await SaveScreenshotAsync(reviewer, "ticket-opened");

        await reviewer.Keyboard.PressAsync("e");
        var dialog = reviewer.GetByTestId("edit-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await reviewer.GetByTestId("edit-category").ClickAsync();
        await reviewer.GetByRole(AriaRole.Option, new() { Name = "shipping", Exact = true }).ClickAsync();
        await Expect(reviewer.GetByTestId("edit-summary")).ToContainTextAsync("Category billing → shipping");
        await SaveScreenshotAsync(reviewer, "edit-dialog");
        await reviewer.GetByTestId("edit-confirm").ClickAsync();

        // No other ticket waits, so the reviewer lands back on the queue.
        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review\\?notice="));
        await Expect(watcher.GetByTestId("queue-empty")).ToBeVisibleAsync();
        Assert.True(await watcher.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the watcher's queue reloaded");
        await SaveScreenshotAsync(watcher, "queue-after-decision");

        var ticket = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal("Routed", ticket.GetProperty("status").GetString());
        Assert.Equal("shipping", ticket.GetProperty("finalCategory").GetString());
        Assert.Equal(TestEmail(ReviewDeskRoles.Reviewer), ticket.GetProperty("decision").GetProperty("reviewer").GetString());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task ShortcutHelp_OpensWithQuestionMark_AndRejectNeedsAComment()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Buy cheap watches");
        await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var reviewer = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, $"/tickets/{id}");
        await reviewer.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await reviewer.Keyboard.PressAsync("?");
        await Expect(reviewer.GetByTestId("shortcuts-dialog")).ToContainTextAsync("Next ticket in the queue");
        await reviewer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Expect(reviewer.GetByTestId("shortcuts-dialog")).ToHaveCountAsync(0);

        await reviewer.Keyboard.PressAsync("r");
        await reviewer.GetByTestId("comment-dialog-confirm").ClickAsync();
        await Expect(reviewer.GetByTestId("comment-dialog")).ToContainTextAsync("A comment is required.");
        await reviewer.GetByTestId("comment-dialog-text").FillAsync("advertising");
        await reviewer.GetByTestId("comment-dialog-confirm").ClickAsync();

        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review\\?notice="));
        var ticket = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal("Rejected", ticket.GetProperty("status").GetString());
        Assert.Empty(ConsoleErrors);
    }

    private static ILocator QueueRow(IPage page, string ticketId) => page.Locator($"[data-testid=queue-row][data-ticket='{ticketId}']");

    /// <summary>Opens the queue signed in as <paramref name="role"/>, ready for live updates; a marker shows if it ever reloads.</summary>
    private async Task<IPage> OpenQueueAsync(string role)
    {
        var page = await NewSignedInPageAsync(role, "/review");
        await page.GetByTestId("queue-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => window.e2eNotReloaded = true");
        return page;
    }
}
