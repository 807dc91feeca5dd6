using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// Whether a console sign-in still stands: its account exists, is not locked out, and its security
/// stamp still matches the one the cookie was issued with (a password change, a role change or an
/// admin's <c>UpdateSecurityStampAsync</c> changes the stamp). One read by primary key. Used by the
/// open circuits (<see cref="RevalidatingIdentityAuthenticationStateProvider"/>) and by the cookie on
/// HTTP requests (<see cref="ReviewDeskSecurityStampValidator"/>).
/// </summary>
public sealed class SignedInAccountCheck(UserManager<IdentityUser> users, IOptions<IdentityOptions> identity)
{
    /// <summary>The account behind <paramref name="principal"/> when its sign-in still stands, otherwise null.</summary>
    public async Task<IdentityUser?> FindValidAccountAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.GetUserAsync(principal);
        if (user is null) return null;
        if (users.SupportsUserLockout && await users.IsLockedOutAsync(user)) return null;
        if (!users.SupportsUserSecurityStamp) return user;
        var cookieStamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var accountStamp = await users.GetSecurityStampAsync(user);
        return cookieStamp is not null && string.Equals(cookieStamp, accountStamp, StringComparison.Ordinal) ? user : null;
    }
}
