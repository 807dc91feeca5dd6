using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Identity;

/// <summary>
/// A sign-in is checked again: an open circuit's principal (the revalidating authentication state
/// provider) and the cookie on HTTP requests stop counting once the account is deleted, locked out or
/// its security stamp changes (a role change among them); an unchanged one stays valid.
/// </summary>
public sealed partial class SessionRevalidationTests : IAsyncLifetime
{
    private const string Password = "Session-Password-1";
    private readonly ReviewDeskWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Every HTTP request checks the stamp, so the cookie test needs no clock.
        _factory.Settings["Auth:RevalidationInterval"] = "00:00:00.001";
        _factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public void TheCircuitsProvider_IsTheRevalidatingOne()
    {
        using var scope = _factory.Services.CreateScope();

        Assert.IsType<RevalidatingIdentityAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task IsStillValidAsync_UnchangedAccount_StaysValid()
    {
        var principal = await SignInAsync("valid@test.example");

        Assert.True(await IsStillValidAsync(principal));
        Assert.True(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValidAsync_LockedOutAccount_IsInvalid()
    {
        var principal = await SignInAsync("locked@test.example");

        await ChangeAccountAsync("locked@test.example", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));

        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValidAsync_DeletedAccount_IsInvalid()
    {
        var principal = await SignInAsync("deleted@test.example");

        await ChangeAccountAsync("deleted@test.example", (users, user) => users.DeleteAsync(user));

        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValidAsync_SecurityStampChanged_IsInvalid()
    {
        var principal = await SignInAsync("stamp@test.example");

        await ChangeAccountAsync("stamp@test.example", (users, user) => users.UpdateSecurityStampAsync(user));

        Assert.False(await IsStillValidAsync(principal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IsStillValidAsync_RoleGrantedOrTakenAway_IsInvalid(bool grant)
    {
        var principal = await SignInAsync("roles@test.example");

        await ChangeAccountAsync("roles@test.example", (users, user) => grant
            ? users.AddToRoleAsync(user, ReviewDeskRoles.Operator)
            : users.RemoveFromRoleAsync(user, ReviewDeskRoles.Reviewer));

        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValidAsync_ApiKey_ValidUntilRevoked()
    {
        var keys = _factory.Services.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("circuit-key", [ReviewDeskRoles.Operator], "tests", Ct);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "apikey:circuit-key"),
                new Claim(ApiKeyAuthenticationHandler.KeyIdClaim, created.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Role, ReviewDeskRoles.Operator),
            ],
            ApiKeyAuthenticationHandler.SchemeName));

        var before = await IsStillValidAsync(principal);
        Assert.True(await keys.RevokeAsync(created.Key.Id, "tests", Ct));

        Assert.True(before);
        Assert.False(await IsStillValidAsync(principal));
    }

    [Fact]
    public async Task IsStillValidAsync_Anonymous_StaysAnonymous() =>
        Assert.True(await IsStillValidAsync(new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public async Task Cookie_AfterLockout_NextPageLoadGoesToLogin()
    {
        await CreateUserAsync("cookie@test.example");
        using var browser = _factory.CreateAnonymousClient();
        using var signIn = await PostLoginAsync(browser, "cookie@test.example");
        using var before = await browser.GetAsync("/", Ct);

        await ChangeAccountAsync("cookie@test.example", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));
        using var after = await browser.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Cookie_AfterSecurityStampChange_NextPageLoadGoesToLogin()
    {
        await CreateUserAsync("cookie-stamp@test.example");
        using var browser = _factory.CreateAnonymousClient();
        using var signIn = await PostLoginAsync(browser, "cookie-stamp@test.example");
        using var before = await browser.GetAsync("/", Ct);

        await ChangeAccountAsync("cookie-stamp@test.example", (users, user) => users.UpdateSecurityStampAsync(user));
        using var after = await browser.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/login", after.Headers.Location?.AbsolutePath);
    }

    private async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var provider = Assert.IsType<RevalidatingIdentityAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        return await provider.IsStillValidAsync(principal, Ct);
    }

    /// <summary>The principal a console sign-in of a new Reviewer account <paramref name="email"/> puts in its cookie.</summary>
    private async Task<ClaimsPrincipal> SignInAsync(string email)
    {
        await CreateUserAsync(email);
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
        Assert.NotNull(principal.FindFirstValue("AspNet.Identity.SecurityStamp"));
        return principal;
    }

    private async Task CreateUserAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, ReviewDeskRoles.Reviewer)).Succeeded);
    }

    private async Task ChangeAccountAsync(string email, Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> change)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.True((await change(users, user)).Succeeded);
    }

    private async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string email)
    {
        var page = await browser.GetStringAsync("/login", Ct);
        return await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }), Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
