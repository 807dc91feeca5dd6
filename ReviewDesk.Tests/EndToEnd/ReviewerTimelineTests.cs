using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>Issue 15 item 7: the ticket page's timeline in chromium reads as sentences, every date in the browser's time zone.</summary>
public sealed partial class ReviewerTimelineTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_TicketTimeline_IsHumanSentences_InTheBrowsersTimeZone_AndStatusInWords()
    {
        var id = await ReviewTickets.SubmitUnclearAsync(Api, "Where is my parcel");
        await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, $"/tickets/{id}", new BrowserNewContextOptions { TimezoneId = "America/New_York" });
        await page.GetByTestId("ticket-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("Awaiting review");
        // December in New York is UTC-5; the page learns the zone from the browser after its first render.
        await Expect(page.GetByTestId("timeline-time").First).ToHaveTextAsync(DatePattern());
        foreach (var time in await page.GetByTestId("timeline-time").AllTextContentsAsync()) Assert.Matches(DatePattern(), time);
        await Expect(page.GetByTestId("review-deadline")).ToContainTextAsync("UTC-5");
        var lines = await page.GetByTestId("timeline-event").AllTextContentsAsync();
        Assert.Contains(lines, l => l.StartsWith("Classified as ", StringComparison.Ordinal) && l.Contains('%', StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^Waiting for review until \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC-5$"));
        Assert.DoesNotContain(lines, l => l.Contains("vm:", StringComparison.Ordinal) || l.Contains("bm_", StringComparison.Ordinal) || l.Contains('{'));
        await SaveScreenshotAsync(page, "timeline-awaiting-review");

        await page.Keyboard.PressAsync("a");
        await Expect(page).ToHaveURLAsync(new Regex("/review"));
        await GotoAsync(page, $"/tickets/{id}");
        await Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("Routed");
        await Expect(page.GetByTestId("ticket-timeline")).ToContainTextAsync($"Approved by {TestEmail(ReviewDeskRoles.Reviewer)}");
        await Expect(page.GetByTestId("ticket-timeline")).ToContainTextAsync("Routed to ");
        await SaveScreenshotAsync(page, "timeline-routed");
        Assert.Empty(ConsoleErrors);
    }

    [GeneratedRegex(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC-5$")]
    private static partial Regex DatePattern();
}
