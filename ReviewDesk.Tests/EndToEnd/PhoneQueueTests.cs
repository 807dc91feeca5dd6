using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The review queue on a phone (issue 15, item 3): a list that fits 390 px, filters behind a toggle, an app bar that does not overlap.</summary>
public sealed class PhoneQueueTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    private static readonly string[] RowFacts =
        ["queue-row-category", "queue-row-priority", "queue-row-confidence", "queue-row-age", "queue-row-time-left"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_ReviewQueueAt390px_FitsTheScreen_ShowsEveryLabel_AndFiltersAreCollapsed()
    {
        // Several PII chips and an unbroken order number: the content that widened each row on main.
        var first = await SubmitWithPiiAsync("Invoice INV-2026-000123456789-DE-REMINDER charged twice");
        await ReviewTickets.SubmitUnclearAsync(Api, "Password reset link expired");
        var page = await OpenQueueOnAPhoneAsync();
        var firstItem = QueueItem(page, first);
        await Expect(firstItem).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "queue-390px");

        Assert.True(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") <= PhoneWidth, "the page scrolls sideways");
        foreach (var item in await page.Locator(QueueItemSelector).AllAsync())
        {
            AssertWithinViewportWidth(await item.BoundingBoxAsync(), "a queue item");
        }

        foreach (var fact in RowFacts)
        {
            var cell = firstItem.GetByTestId(fact);
            await Expect(cell).ToBeVisibleAsync();
            AssertWithinViewportWidth(await cell.BoundingBoxAsync(), fact);
        }

        await Expect(page.GetByTestId("queue-filters")).ToBeHiddenAsync();
        AssertDoNotOverlap(await page.GetByTestId("app-title").BoundingBoxAsync(), await page.GetByTestId("user-name").BoundingBoxAsync());
        AssertWithinViewportWidth(await page.GetByTestId("sign-out").BoundingBoxAsync(), "the sign-out button");
        AssertWithinViewportWidth(await page.GetByTestId("dark-mode-toggle").BoundingBoxAsync(), "the dark-mode toggle");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_ReviewQueueAt390px_FilterToggleShowsTheFilters_AndATapOpensTheTicket()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel never arrived");
        var page = await OpenQueueOnAPhoneAsync();
        await Expect(QueueItem(page, id)).ToBeVisibleAsync();

        await page.GetByTestId("queue-filters-toggle").ClickAsync();
        await Expect(page.GetByTestId("queue-filters")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("filter-category")).ToBeVisibleAsync();

        await QueueItem(page, id).GetByTestId("queue-row-category").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(BaseAddress, $"/tickets/{id}").ToString());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_ReviewQueueAt1440px_KeepsTheFiltersOpen_WithoutAToggle()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer);
        await page.SetViewportSizeAsync(1440, 900);
        await GotoAsync(page, "/review");

        await Expect(page.GetByTestId("filter-category")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("queue-filters-toggle")).ToBeHiddenAsync();
        Assert.True(await page.GetByTestId("user-name").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the e-mail is truncated on a desktop");
    }

    // The row of a ticket: MudTable's tr around the subject cell.
    private const string QueueItemSelector = "tr:has([data-testid=queue-row])";

    private static ILocator QueueItem(IPage page, string ticketId) =>
        page.Locator($"tr:has([data-testid=queue-row][data-ticket='{ticketId}'])");

    private async Task<string> SubmitWithPiiAsync(string subject)
    {
        var body = "Not sure where this goes. Write to jane.doe@example.com or call +44 20 7946 0958; card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32.";
        using var response = await Api.PostAsJsonAsync("/api/tickets", new { subject, body, variant = ReviewTickets.Variant }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<IPage> OpenQueueOnAPhoneAsync()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer);
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        await GotoAsync(page, "/review");
        await page.GetByTestId("queue-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static void AssertWithinViewportWidth(LocatorBoundingBoxResult? box, string what)
    {
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"{what} spans x {box.X:0}..{box.X + box.Width:0}, outside 0..{PhoneWidth}");
    }

    private static void AssertDoNotOverlap(LocatorBoundingBoxResult? title, LocatorBoundingBoxResult? email)
    {
        Assert.NotNull(title);
        // Hiding the e-mail on a phone is as good as truncating it.
        if (email is null) return;
        var apart = title.X + title.Width <= email.X || email.X + email.Width <= title.X
            || title.Y + title.Height <= email.Y || email.Y + email.Height <= title.Y;
        Assert.True(apart, $"the title (x {title.X:0}..{title.X + title.Width:0}) overlaps the e-mail (x {email.X:0}..{email.X + email.Width:0})");
    }
}
