using System.Net;
using Microsoft.Playwright;
using ReviewDesk.Tests.Web;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>Signing in, the role-filtered console and the API keys page in chromium.</summary>
public sealed class AccountsTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedOutVisitor_IsSentToLogin_WrongPasswordShowsInline_ThenComesBackSignedIn()
    {
        await EnsureUserAsync(ReviewDeskRoles.Operator);
        var page = await NewPageAsync();

        await page.GotoAsync("/operations");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?ReturnUrl=%2Foperations$"));
        await page.GetByTestId("login-email").FillAsync(TestEmail(ReviewDeskRoles.Operator));
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Wrong email or password.");
        await SaveScreenshotAsync(page, "login-error");
        await page.GetByTestId("login-email").FillAsync(TestEmail(ReviewDeskRoles.Operator));
        await page.GetByTestId("login-password").FillAsync(TestPassword);
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/operations$"));
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(TestEmail(ReviewDeskRoles.Operator));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Reviewer_OpeningTheOperatorBoard_IsToldItIsNotAllowed()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Reviewer);

        await page.GotoAsync("/operations");

        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operations" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_CreatesAKeyThatWorks_AndRevokesIt()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/admin/api-keys");

        await page.Locator("input[data-testid=api-key-name], [data-testid=api-key-name] input").FillAsync("e2e-importer");
        await page.Locator("input[data-testid=api-key-role-operator], [data-testid=api-key-role-operator] input").CheckAsync();
        await page.GetByTestId("api-key-create").ClickAsync();
        var secret = (await page.GetByTestId("api-key-secret").TextContentAsync())!.Trim();
        await SaveScreenshotAsync(page, "api-key-created");

        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(TestApiKeys.Header, secret);
        using (var before = await client.GetAsync("/api/tickets/tk_none", Ct)) Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        using (var wrongRole = await client.GetAsync("/api/reviews", Ct)) Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);

        var row = page.Locator("[data-testid=api-key-row][data-name=e2e-importer]");
        await row.GetByTestId("api-key-revoke").ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked by");

        using var after = await client.GetAsync("/api/tickets/tk_none", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Empty(ConsoleErrors);
    }
}
