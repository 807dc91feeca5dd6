using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ReviewDesk.Web.Components.Account;

/// <summary>
/// <c>/login</c>: a statically rendered form (antiforgery-protected, rate-limited per address) that
/// signs in with Identity, locking an account out after repeated failures. Errors show inline.
/// </summary>
public sealed partial class Login
{
    [Inject]
    public required SignInManager<IdentityUser> SignIn { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILogger<Login> Logger { get; init; }

    [Inject]
    public required IConfiguration Configuration { get; init; }

    [SupplyParameterFromForm(FormName = "login")]
    public LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    private string? Error { get; set; }

    /// <summary>The demo accounts to show in demo mode (their passwords are public demo values); none otherwise.</summary>
    private IReadOnlyList<Demo.DemoUser> DemoAccounts => Demo.DemoUsers.IsEnabled(Configuration) ? Demo.DemoUsers.All : [];

    // The post keeps the return address, which EditForm's default action drops.
    private string FormAction => string.IsNullOrEmpty(ReturnUrl)
        ? Identity.AccountEndpoints.LoginPath
        : $"{Identity.AccountEndpoints.LoginPath}?returnUrl={Uri.EscapeDataString(ReturnUrl)}";

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task SignInAsync()
    {
        var result = await SignIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
            return;
        }

        // Neither the email nor the password goes to the log.
        Logger.LogInformation("Sign-in refused ({Reason})", result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong credentials");
        Error = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for a few minutes."
            : "Wrong email or password.";
    }

    /// <summary>Only a path on this site (no scheme, no host, no <c>//</c>): anything else goes home.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.StartsWith(Identity.AccountEndpoints.LoginPath, StringComparison.OrdinalIgnoreCase)
            ? url
            : "/";
}
