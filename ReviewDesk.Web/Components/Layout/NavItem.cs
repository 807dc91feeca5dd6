using System.Security.Claims;
using Microsoft.AspNetCore.Components.Routing;

namespace ReviewDesk.Web.Components.Layout;

/// <summary>A link in the navigation drawer, shown to users in any of <paramref name="Roles"/> (everyone signed in when null or empty).</summary>
public sealed record NavItem(string Title, string Href, string Icon, NavLinkMatch Match = NavLinkMatch.Prefix, IReadOnlyList<string>? Roles = null)
{
    /// <summary>Whether <paramref name="user"/> sees this entry. The page's own policy still decides access; this only hides what would be refused.</summary>
    public bool IsVisibleTo(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return false;
        return Roles is not { Count: > 0 } || Roles.Any(user.IsInRole);
    }
}
