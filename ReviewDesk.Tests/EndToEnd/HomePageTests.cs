using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The home page says what to do (issue 15, item 11): a reviewer signing in lands on what waits for them, kept live.</summary>
public sealed class HomePageTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private const int PhoneWidth = 390;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ReviewTickets.PublishVariantAsync(Services);
    }

    [Fact]
    public async Task Bug_15_ReviewerSigningIn_LandsOnAHomeNamingTheWaitingCountAndNearestDeadline_AndANewTicketRaisesTheCountWithoutReload()
    {
        var first = await ReviewTickets.SubmitUnclearAsync(Api, "Invoice charged twice");
        await ReviewTickets.WaitForStatusAsync(Api, first, "AwaitingReview");
        await EnsureUserAsync(ReviewDeskRoles.Reviewer);
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 } });

        // Signed out, the home page sends the visitor to the login page, which brings them back home.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2F$"));
        await page.GetByTestId("login-email").FillAsync(TestEmail(ReviewDeskRoles.Reviewer));
        await page.GetByTestId("login-password").FillAsync(TestPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await PageAddress.WaitForPathAndQueryAsync(page, "/");
        await WaitForInteractiveAsync(page);

        await Expect(page.GetByTestId("home-waiting-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("home-nearest-ticket")).ToHaveTextAsync("Invoice charged twice");
        await Expect(page.GetByTestId("home-nearest-ticket")).ToHaveAttributeAsync("href", $"/tickets/{first}");
        await Expect(page.GetByTestId("home-nearest-time-left")).ToContainTextAsync("in 23 h");
        await Expect(page.GetByTestId("home-open-queue")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("home-operate")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("home-faulted-count")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") <= PhoneWidth, "the home page scrolls sideways at 390 px");
        await SaveScreenshotAsync(page, "home-reviewer-390px");

        await page.GetByTestId("home-review-live").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => window.e2eNotReloaded = true");
        var second = await ReviewTickets.SubmitUnclearAsync(Api, "Parcel never arrived");
        await ReviewTickets.WaitForStatusAsync(Api, second, "AwaitingReview");

        await Expect(page.GetByTestId("home-waiting-count")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.e2eNotReloaded === true"), "the page reloaded");
        await page.GetByTestId("home-open-queue").ClickAsync();
        await PageAddress.WaitForPathAsync(page, "/review");
        Assert.Empty(ConsoleErrors);
    }
}
