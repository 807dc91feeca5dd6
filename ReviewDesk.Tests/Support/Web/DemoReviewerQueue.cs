using Microsoft.Playwright;
using ReviewDesk.Web.Demo;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>The demo reviewer's open queue in chromium, on a web app a test started as a process (a node, a cluster).</summary>
public static class DemoReviewerQueue
{
    /// <summary>
    /// Signs in through the real login page of <paramref name="context"/>'s base URL as the demo reviewer, opens the
    /// queue, waits until its live connection is attached, and marks the page so a reload can be detected
    /// (<c>window.e2eNotReloaded</c>).
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reviewer = DemoUsers.All.Single(u => u.Role == ReviewDeskRoles.Reviewer);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString("/review")}");
        await page.GetByTestId("login-email").FillAsync(reviewer.Email);
        await page.GetByTestId("login-password").FillAsync(reviewer.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await PageAddress.WaitForPathAsync(page, "/review");
        await page.GetByTestId("queue-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => window.e2eNotReloaded = true");
        return page;
    }

    /// <summary>The queue's row of <paramref name="ticketId"/>.</summary>
    public static ILocator Row(IPage page, string ticketId) => page.Locator($"[data-testid=queue-row][data-ticket='{ticketId}']");
}
