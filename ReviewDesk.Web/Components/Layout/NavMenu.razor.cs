using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace ReviewDesk.Web.Components.Layout;

public sealed partial class NavMenu
{
    // One entry per page, in the drawer's order. Workflows and Audit are
    // added here by the issues that add their pages.
    internal static readonly IReadOnlyList<NavItem> Items =
    [
        new("Home", "", Icons.Material.Filled.Home, NavLinkMatch.All),
        new("Review queue", "/review", Icons.Material.Filled.FactCheck),
        new("Operations", "/operations", Icons.Material.Filled.MonitorHeart),
    ];
}
