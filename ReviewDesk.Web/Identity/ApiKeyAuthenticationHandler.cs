using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// The <c>X-Api-Key</c> scheme: an active key signs the request in as <c>apikey:{name}</c> with the
/// key's roles. An unknown or revoked key, or none, is answered 401 and a wrong role 403, both as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The claim that carries the key's id.</summary>
    public const string KeyIdClaim = "reviewdesk:apikey_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values)) return AuthenticateResult.NoResult();
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0])) return AuthenticateResult.Fail("Give exactly one API key.");

        var key = await keys.FindActiveAsync(values[0]!, Context.RequestAborted);
        // Never log the key: the reason says only that it was not accepted.
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.PrincipalName),
            new(ClaimTypes.Name, key.PrincipalName),
            new(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthenticationProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthenticationProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
