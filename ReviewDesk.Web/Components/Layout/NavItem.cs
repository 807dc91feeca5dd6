using Microsoft.AspNetCore.Components.Routing;

namespace ReviewDesk.Web.Components.Layout;

/// <summary>A link in the navigation drawer.</summary>
public sealed record NavItem(string Title, string Href, string Icon, NavLinkMatch Match = NavLinkMatch.Prefix);
