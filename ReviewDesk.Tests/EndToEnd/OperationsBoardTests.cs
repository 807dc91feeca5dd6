using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The operator board (/operations) and the instance timeline in chromium, fed through the HTTP API.</summary>
public sealed partial class OperationsBoardTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task SubmittedTicketNeedingReview_AppearsOnEveryOpenBoard_WithoutReload()
    {
        var first = await OpenBoardAsync();
        var second = await OpenBoardAsync();
        await Expect(first.GetByTestId("ticket-count-awaitingreview")).ToHaveTextAsync("0");
        await Expect(first.GetByTestId("waiting-tickets")).ToContainTextAsync("No ticket waits for a reviewer.");

        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Where does this go");

        foreach (var board in (IPage[])[first, second])
        {
            await Expect(board.GetByTestId("ticket-count-awaitingreview")).ToHaveTextAsync("1");
            await Expect(board.GetByTestId("workflow-count-suspended")).ToHaveTextAsync("1");
            await Expect(board.GetByTestId("waiting-ticket")).ToHaveCountAsync(1);
            await Expect(board.GetByTestId("waiting-ticket")).ToContainTextAsync(id);
            // Named by its subject, not by its id alone.
            await Expect(board.GetByTestId("waiting-ticket-subject")).ToHaveTextAsync("Where does this go");
            Assert.True(await board.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the board reloaded");
        }

        await SaveScreenshotAsync(first, "board-with-waiting-ticket");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task WaitingTicketLink_OpensItsTimeline_WhichFollowsTheDecisionLive()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Where does this go");
        await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var page = await OpenBoardAsync();

        await page.GetByTestId("waiting-ticket").GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();

        await Expect(page).ToHaveURLAsync(InstancePath());
        await Expect(page.GetByTestId("instance-business-key")).ToHaveTextAsync(id);
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync(nameof(WorkflowStatus.Suspended));
        await Expect(page.GetByTestId("live-indicator")).ToBeVisibleAsync();

        using var decision = await Api.SendAsync(
            ReviewTickets.As("alice", HttpMethod.Post, $"/api/reviews/{id}/decision", new { action = "approve" }), Ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);

        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync(nameof(WorkflowStatus.Completed));
        await Expect(JournalEntries(page, JournalTypes.Resumed)).ToContainTextAsync("alice");
        await Expect(JournalEntries(page, JournalTypes.Completed)).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the timeline reloaded");
        await SaveScreenshotAsync(page, "timeline-completed");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task CancelOnTheTimeline_AsksForConfirmationAndAReason_AndRecordsTheSignedInOperator()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Where does this go");
        await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var page = await OpenBoardAsync();
        await page.GetByTestId("waiting-ticket").GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync(nameof(WorkflowStatus.Suspended));

        // Before the fix one click cancelled, with no reason, as the fixed actor "operator".
        await page.GetByTestId("timeline-cancel-button").ClickAsync();
        var dialog = page.GetByTestId("comment-dialog");
        await Expect(dialog).ToContainTextAsync("This cannot be undone.");
        await page.GetByTestId("comment-dialog-confirm").ClickAsync();
        await Expect(dialog).ToContainTextAsync("A reason is required.");
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync(nameof(WorkflowStatus.Suspended));
        await page.GetByTestId("comment-dialog-text").FillAsync("customer withdrew");
        await page.GetByTestId("comment-dialog-confirm").ClickAsync();

        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync(nameof(WorkflowStatus.Cancelled));
        await Expect(JournalEntries(page, JournalTypes.Cancelled)).ToContainTextAsync(TestEmail(ReviewDeskRoles.Operator));
        var audit = await Api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/audit?ticketId={id}&action=cancel_instance", Ct);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(TestEmail(ReviewDeskRoles.Operator), entry.GetProperty("actor").GetString());
        Assert.Equal("customer withdrew", entry.GetProperty("detail").GetProperty("reason").GetString());
        Assert.Empty(ConsoleErrors);
    }

    /// <summary>Opens the board in a new browser context, ready for live updates.</summary>
    private async Task<IPage> OpenBoardAsync()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Operator, "/operations");
        // The board subscribes to workflow events after its first interactive render; a change before that
        // would show only on reload. The marker below disappears if the page reloads.
        await Expect(page.GetByTestId("live-indicator")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.e2eNotReloaded = true");
        return page;
    }

    private static ILocator JournalEntries(IPage page, string type) =>
        page.Locator($"[data-testid=\"journal-entry\"][data-type=\"{type}\"]");

    [GeneratedRegex("/operations/instances/[^/]+$")]
    private static partial Regex InstancePath();
}
