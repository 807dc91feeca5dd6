using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ReviewDesk.Web.Components.Review;

/// <summary>Who is reviewing: the signed-in user's name, and whether they may take over others' claims.</summary>
public static class ReviewerIdentity
{
    /// <summary>The signed-in user's name; null when nobody is signed in.</summary>
    public static async Task<string?> NameAsync(Task<AuthenticationState>? state) => Name(await UserAsync(state));

    /// <summary>The signed-in user, or an anonymous principal.</summary>
    public static async Task<ClaimsPrincipal> UserAsync(Task<AuthenticationState>? state) =>
        state is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await state).User;

    /// <summary>The user's name when signed in.</summary>
    public static string? Name(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && !string.IsNullOrWhiteSpace(user.Identity.Name) ? user.Identity.Name : null;
    }
}
