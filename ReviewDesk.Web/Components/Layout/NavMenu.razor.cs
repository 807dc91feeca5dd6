using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Components.Layout;

public sealed partial class NavMenu
{
    // One entry per page, in the drawer's order, each with the roles its page admits (the page's
    // policy, see ReviewDeskPolicies.Roles).
    internal static readonly IReadOnlyList<NavItem> Items =
    [
        new("Home", "", Icons.Material.Filled.Home, NavLinkMatch.All),
        new("Review queue", "/review", Icons.Material.Filled.FactCheck, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Review]),
        new("Notifications", "/notifications", Icons.Material.Filled.NotificationsActive, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Review]),
        new("Operations", "/operations", Icons.Material.Filled.MonitorHeart, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Operate]),
        new("Workflows", "/workflows", Icons.Material.Filled.AccountTree, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Administer]),
        new("Model", "/models", Icons.Material.Filled.Insights, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Administer]),
        new("API keys", "/admin/api-keys", Icons.Material.Filled.Key, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Administer]),
        new("Audit", "/audit", Icons.Material.Filled.History, Roles: ReviewDeskPolicies.Roles[ReviewDeskPolicies.Administer]),
    ];

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<NavItem> VisibleItems { get; set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        VisibleItems = [.. Items.Where(item => item.IsVisibleTo(user))];
    }
}
