using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// Identity's user manager, except that a role granted or taken away also changes the account's
/// security stamp (Identity's own does not), so signed-in sessions see the change: open circuits at
/// their next revalidation, the cookie at its next stamp check.
/// </summary>
public sealed class ReviewDeskUserManager(
    IUserStore<IdentityUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<IdentityUser> passwordHasher,
    IEnumerable<IUserValidator<IdentityUser>> userValidators,
    IEnumerable<IPasswordValidator<IdentityUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<IdentityUser>> logger)
    : UserManager<IdentityUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(IdentityUser user, string role) =>
        await StampAfterAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(IdentityUser user, IEnumerable<string> roles) =>
        await StampAfterAsync(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(IdentityUser user, string role) =>
        await StampAfterAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(IdentityUser user, IEnumerable<string> roles) =>
        await StampAfterAsync(user, await base.RemoveFromRolesAsync(user, roles));

    private async Task<IdentityResult> StampAfterAsync(IdentityUser user, IdentityResult roleChange) =>
        roleChange.Succeeded ? await UpdateSecurityStampAsync(user) : roleChange;
}
