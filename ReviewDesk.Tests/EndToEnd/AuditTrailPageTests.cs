using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Audit;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 6, in chromium: the audit page's count is right on first load (it said "0 entries" beside 21 rows),
/// and an entry's detail reads as text (it was raw JSON with <c>\u002B00:00</c> escapes).
/// </summary>
public sealed class AuditTrailPageTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_AuditPage_CountsItsEntriesOnFirstLoad_AndShowsReadableDetail()
    {
        // Three claims: audited entries whose detail holds a time (claimedUntil, an offset with "+").
        foreach (var subject in (string[])["Parcel never arrived", "Where is my order", "Not sure at all"])
        {
            var id = await ReviewTickets.SubmitUnclearAsync(Api, subject);
            await ReviewTickets.WaitForStatusAsync(Api, id, "AwaitingReview");
            using var claimed = await Api.SendAsync(ReviewTickets.As("bob", HttpMethod.Post, $"/api/reviews/{id}/claim"), Ct);
            Assert.True(claimed.IsSuccessStatusCode, await claimed.Content.ReadAsStringAsync(Ct));
        }

        var total = (await Api.GetFromJsonAsync<JsonElement>("/api/audit", Ct)).GetProperty("total").GetInt32();
        Assert.True(total >= 3, $"only {total} audit entries");

        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/audit");

        var rows = page.GetByTestId("audit-row");
        await Expect(rows).ToHaveCountAsync(total);
        await Expect(page.GetByTestId("audit-total")).ToHaveTextAsync($"{total} entries");
        var claim = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-testid=\"audit-row\"][data-action=\"{AuditActions.Claim}\"]") }).First;
        var detail = claim.Locator("code.audit-detail");
        await Expect(detail).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^claimedUntil: \d{4}-\d{2}-\d{2}T[\d:.]+\+00:00$"));
        await Expect(detail).Not.ToContainTextAsync("\\u002B");
        await Expect(detail).Not.ToContainTextAsync("{");
        Assert.Empty(ConsoleErrors);
    }
}
