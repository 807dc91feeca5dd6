using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewDesk.Tests.Web.Identity;

/// <summary>The login page over HTTP with cookies: the bootstrap admin, inline errors, lockout, antiforgery, the rate limit, sign-out.</summary>
public sealed partial class LoginTests : IAsyncLifetime
{
    private const string AdminEmail = "first-admin@test.example";
    private const string AdminPassword = "Test-Admin-Password-1";
    private readonly ReviewDeskWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Auth:BootstrapAdmin:Email"] = AdminEmail;
        _factory.Settings["Auth:BootstrapAdmin:Password"] = AdminPassword;
        _factory.Settings["Auth:MaxFailedAccessAttempts"] = "3";
        _factory.Settings["Auth:LoginRateLimit"] = "8";
        _factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task LoginPage_OutsideDemoMode_ShowsNoDemoHint()
    {
        using var browser = _factory.CreateAnonymousClient();

        var page = await browser.GetStringAsync("/login", Ct);

        Assert.Contains("data-testid=\"login-card\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("login-demo-hint", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_InDemoMode_NamesTheDemoAccounts()
    {
        await using var demo = new ReviewDeskWebFactory();
        demo.Settings[ReviewDesk.Web.Demo.DemoUsers.SettingKey] = "true";
        demo.StartServer();
        using var browser = demo.CreateAnonymousClient();

        // Before the fix the page gave no hint: the accounts were only in run.sh's output.
        var page = await browser.GetStringAsync("/login", Ct);

        Assert.Contains("login-demo-hint", page, StringComparison.Ordinal);
        foreach (var account in ReviewDesk.Web.Demo.DemoUsers.All)
        {
            Assert.Contains($"<code>{account.Email}</code> / <code>{account.Password}</code> ({account.Role})", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BootstrapAdmin_SignsIn_ReachesAdminPages_AndSignsOut()
    {
        using var browser = _factory.CreateAnonymousClient();

        using var signIn = await PostLoginAsync(browser, AdminEmail, AdminPassword, "/admin/api-keys");
        using var keysPage = await browser.GetAsync("/admin/api-keys", Ct);
        var home = await browser.GetStringAsync("/", Ct);
        using var signOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(home) }), Ct);
        using var afterSignOut = await browser.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin/api-keys", signIn.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, keysPage.StatusCode);
        Assert.Contains(AdminEmail, home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.EndsWith("/login", signOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.Equal("/login", afterSignOut.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task WrongPassword_ShowsAnInlineError_AndNoCookie()
    {
        using var browser = _factory.CreateAnonymousClient();

        using var response = await PostLoginAsync(browser, AdminEmail, "not-the-password");
        var html = await response.Content.ReadAsStringAsync(Ct);
        using var home = await browser.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Wrong email or password.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains("not-the-password", StringComparison.Ordinal) || line.Contains(AdminPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_EvenAgainstTheRightPassword()
    {
        await CreateUserAsync("locked@test.example", "Locked-Password-1", "Reviewer");
        using var browser = _factory.CreateAnonymousClient();

        for (var i = 0; i < 3; i++) (await PostLoginAsync(browser, "locked@test.example", "wrong-password")).Dispose();
        using var rightPassword = await PostLoginAsync(browser, "locked@test.example", "Locked-Password-1");
        var html = await rightPassword.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("locked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPost_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var browser = _factory.CreateAnonymousClient();
        await browser.GetStringAsync("/login", Ct);

        using var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ReviewDesk.Auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LoginPosts_OverTheRateLimit_Are429()
    {
        using var browser = _factory.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 9; i++)
        {
            using var response = await PostLoginAsync(browser, $"nobody{i}@test.example", "whatever-password");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(8), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[8]);
        using var page = await browser.GetAsync("/login", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("/operations", "/operations")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void SafeReturnUrl_KeepsOnlyLocalPaths(string? returnUrl, string expected) =>
        Assert.Equal(expected, ReviewDesk.Web.Components.Account.Login.SafeReturnUrl(returnUrl));

    private async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await browser.GetStringAsync(path, Ct);
        return await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), Ct);
    }

    private async Task CreateUserAsync(string email, string password, string role)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
