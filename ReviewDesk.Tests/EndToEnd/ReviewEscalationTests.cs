using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 4: after escalating, the reviewer goes on to the next pending ticket. Before the fix, "next" was the
/// escalated ticket itself (still pending, unclaimed, its fresh deadline later than the one it was opened with), so the
/// page stayed on it and claimed it again ("You hold this ticket"); and "next" never wrapped around to earlier tickets.
/// </summary>
public sealed class ReviewEscalationTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_EscalatingTheLastTicket_OpensAnEarlierPendingOne()
    {
        var one = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel never arrived");
        var two = await ReviewTickets.SubmitUnclearAsync(Api, "Not sure what this is");
        await ReviewTickets.WaitForStatusAsync(Api, one, "AwaitingReview");
        await ReviewTickets.WaitForStatusAsync(Api, two, "AwaitingReview");
        // Open the one due last: nothing follows it in deadline order, so its next ticket is found by wrapping around.
        var (earlier, last) = await DeadlineAsync(one) <= await DeadlineAsync(two) ? (one, two) : (two, one);
        var reviewer = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, $"/tickets/{last}");
        await reviewer.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(reviewer.GetByTestId("claim-banner")).ToContainTextAsync("You hold this ticket");

        await reviewer.Keyboard.PressAsync("x");
        await reviewer.GetByTestId("comment-dialog-text").FillAsync("needs a senior reviewer");
        await reviewer.GetByTestId("comment-dialog-confirm").ClickAsync();

        await Expect(reviewer).ToHaveURLAsync(new Uri(BaseAddress, $"/tickets/{earlier}").ToString());
        await reviewer.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(reviewer.GetByTestId("claim-banner")).ToContainTextAsync("You hold this ticket");
        var escalated = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{last}", Ct);
        Assert.Equal("Escalated", escalated.GetProperty("status").GetString());
        // The dialog promises the ticket "returns to the queue unclaimed": nobody holds it, while the reviewer holds the next.
        var queue = await Api.GetFromJsonAsync<JsonElement>($"/api/reviews?variant={ReviewTickets.Variant}", Ct);
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        var escalatedRow = Assert.Single(items, i => i.GetProperty("id").GetString() == last);
        var audit = await Api.GetFromJsonAsync<JsonElement>($"/api/audit?ticketId={last}", Ct);
        Assert.True(escalatedRow.GetProperty("claimedBy").ValueKind == JsonValueKind.Null,
            $"the escalated ticket is held by {escalatedRow.GetProperty("claimedBy")}; its audit trail: {audit}");
        var nextRow = Assert.Single(items, i => i.GetProperty("id").GetString() == earlier);
        Assert.Equal(TestEmail(ReviewDeskRoles.Reviewer), nextRow.GetProperty("claimedBy").GetString());
        Assert.Empty(ConsoleErrors);
    }

    private async Task<DateTimeOffset> DeadlineAsync(string id) =>
        (await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct)).GetProperty("reviewDeadline").GetDateTimeOffset();
}
