using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>Honest errors in the browser (issue 15, item 8): a typed unknown address and a bad queue filter in the URL.</summary>
public sealed class ErrorPagesTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    [Fact]
    public async Task TypedUnknownAddress_ShowsTheStyledNotFoundPage_WithStatus404()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer);

        // Before the fix no endpoint matched, so chromium showed its own bare "HTTP ERROR 404" page.
        var response = await GotoAsync(page, "/no/such/page?x=1");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the home page" })).ToBeVisibleAsync();
        Assert.Equal("/no/such/page?x=1", new Uri(page.Url).PathAndQuery);
    }

    [Fact]
    public async Task ReviewQueue_UnknownOrUnparsableFilterInTheUrl_IsNamedInline()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer, "/review?minConfidence=abc&max=abc");

        // Before the fix minConfidence (the API's name; the page's is min) was dropped without a word.
        var notice = page.GetByTestId("queue-notice");
        await Expect(notice).ToContainTextAsync("minConfidence (not a filter of this page)");
        await Expect(notice).ToContainTextAsync("max");
    }
}
