using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// A circuit's authentication state, checked again every <see cref="AuthOptions.RevalidationInterval"/>:
/// a console user whose account was deleted or locked out, or whose security stamp changed (a role
/// change, a password change), and an API key that was revoked, become anonymous in the open circuit,
/// so the router shows the not-authorised view instead of keeping the roles until the session ends.
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether <paramref name="principal"/>'s sign-in still stands (an anonymous one trivially does).</summary>
    internal async Task<bool> IsStillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var identity = principal.Identity;
        if (identity is not { IsAuthenticated: true }) return true;

        // Scoped services of their own: the circuit's scope outlives many checks and a DbContext must not.
        await using var scope = scopes.CreateAsyncScope();
        if (identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
        {
            return long.TryParse(principal.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var keyId)
                && await scope.ServiceProvider.GetRequiredService<ApiKeyService>().IsActiveAsync(keyId, cancellationToken);
        }

        return await scope.ServiceProvider.GetRequiredService<SignedInAccountCheck>().FindValidAccountAsync(principal, cancellationToken) is not null;
    }
}
