using Microsoft.AspNetCore.Identity;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Notifications;

/// <summary>Notification recipients from the console's accounts (Identity): a role's members, an address's account, who may review.</summary>
public sealed class IdentityNotificationDirectory(IServiceScopeFactory scopes) : INotificationDirectory
{
    public async Task<IReadOnlyList<NotificationRecipient>> MembersOfRoleAsync(string role, CancellationToken cancellationToken)
    {
        if (ReviewDeskRoles.Normalize(role) is not { } known) return [];
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var members = await users.GetUsersInRoleAsync(known);
        return [.. members
            .Where(u => u is { Email.Length: > 0, UserName.Length: > 0 } && !(u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow))
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new NotificationRecipient(u.Email!, u.UserName))];
    }

    public async Task<string?> FindUserNameAsync(string address, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return (await users.FindByEmailAsync(address))?.UserName;
    }

    public async Task<bool> MayReviewAsync(string userName, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not { } user || await users.IsLockedOutAsync(user)) return false;
        var roles = await users.GetRolesAsync(user);
        return ReviewDeskPolicies.Roles[ReviewDeskPolicies.Review].Any(roles.Contains);
    }
}
