namespace ReviewDesk.Web.Identity;

/// <summary>Sign-in settings, bound from the <c>Auth</c> section. Secrets come from the environment or the command line, never the repository.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An admin account created at start when no user has its email yet.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>A key (at least 20 characters) provisioned at start as the API key <c>bootstrap</c> with every role, for scripts and CI.</summary>
    public string? BootstrapApiKey { get; set; }

    /// <summary>Failed sign-ins before an account is locked out.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in form posts one client address may make per <see cref="LoginRateLimitWindow"/>.</summary>
    public int LoginRateLimit { get; set; } = 10;

    public TimeSpan LoginRateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Emails of accounts given the <see cref="ReviewDeskRoles.PiiRevealer"/> grant at start (Admins
    /// may reveal anyway). Removing an email here does not take the grant away from its account.
    /// </summary>
    public IReadOnlyList<string> PiiRevealers { get; set; } = [];

    /// <summary>
    /// How often a signed-in console user is checked again (account still there, not locked out, security
    /// stamp unchanged): by each open circuit, and by the cookie on the next HTTP request after this long.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a verified API key is remembered, so a busy integration is not one database read per request. A
    /// revocation on this node takes effect at once; one on another node within this time. Zero: read every time.
    /// </summary>
    public TimeSpan ApiKeyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a console sign-in lasts (sliding).</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(8);
}
