using Microsoft.Playwright;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 9: the API reference (Scalar) of an offline product shows none of Scalar's cloud features and no
/// made-up key. Before the fix its toolbar offered "Deploy", "Generate SDK", "Ask AI" and "Share".
/// </summary>
public sealed class ApiReferenceTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    [Fact]
    public async Task Bug_15_ApiReference_HidesScalarsCloudButtons_AndSaysWhereToCreateAKey()
    {
        await EnsureUserAsync(ReviewDeskRoles.Admin);
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/");

        await page.GotoAsync(ReviewDeskOpenApi.ReferencePath);
        // The reference has rendered the document (an operation of it is on screen) before anything is looked for.
        await Expect(page.GetByText("ReviewDesk API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/tickets").First).ToBeAttachedAsync();

        foreach (var name in new[] { "Deploy", "Generate SDK", "Ask AI", "Share" })
        {
            var button = page.GetByRole(AriaRole.Button, new() { Name = name }).Or(page.GetByRole(AriaRole.Link, new() { Name = name }));
            await Expect(button.Filter(new() { Visible = true })).ToHaveCountAsync(0);
        }

        // The serialised DOM escapes ">" in text, so the check stops before it.
        Assert.Contains(ReviewDeskOpenApi.KeyPlaceholder[..ReviewDeskOpenApi.KeyPlaceholder.IndexOf('>')], await page.ContentAsync(), StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "api-reference");
    }
}
