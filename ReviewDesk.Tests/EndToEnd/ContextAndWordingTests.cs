using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>Issue 15, item 9: what the console says names things by what people read, not by ids and identifiers.</summary>
public sealed class ContextAndWordingTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_EditAndApprove_ToastNamesTheTicketByItsRedactedSubject()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Refund for double charge, write to jane.doe@example.com");
        await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var reviewer = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, $"/tickets/{id}");
        await reviewer.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await reviewer.Keyboard.PressAsync("e");
        await Expect(reviewer.GetByTestId("edit-dialog")).ToBeVisibleAsync();
        await reviewer.GetByTestId("edit-category").ClickAsync();
        await reviewer.GetByRole(AriaRole.Option, new() { Name = "shipping", Exact = true }).ClickAsync();
        await reviewer.GetByTestId("edit-confirm").ClickAsync();

        // Before the fix the toast said "Approved with edits: tk_…" and nothing a reviewer recognises.
        var toast = reviewer.Locator(".mud-snackbar");
        await Expect(toast).ToContainTextAsync("Approved with edits: \u201CRefund for double charge, write to <EMAIL_ADDRESS_1>\u201D");
        await Expect(toast).Not.ToContainTextAsync("jane.doe");
        Assert.Empty(ConsoleErrors);
    }
}
