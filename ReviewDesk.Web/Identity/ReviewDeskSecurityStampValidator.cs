using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// The cookie's periodic check on HTTP requests (every <see cref="AuthOptions.RevalidationInterval"/>):
/// Identity's own, which rejects a deleted account or a changed security stamp and otherwise renews
/// the cookie with the account's current roles, plus a locked-out account is refused too (a lockout
/// does not change the stamp).
/// </summary>
public sealed class ReviewDeskSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<IdentityUser> signInManager,
    ILoggerFactory logger,
    SignedInAccountCheck accounts)
    : SecurityStampValidator<IdentityUser>(options, signInManager, logger)
{
    protected override Task<IdentityUser?> VerifySecurityStamp(ClaimsPrincipal? principal) =>
        principal is null ? Task.FromResult<IdentityUser?>(null) : accounts.FindValidAccountAsync(principal, CancellationToken.None);
}
