using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Components.Pages;

/// <summary>
/// The home page says what to do, by role (issue 15, item 11): a reviewer sees the tickets waiting for them and the
/// nearest deadline, an operator incidents and stuck work, an admin both and the admin pages; an account without a
/// role is told to ask an admin for one. Each card is shown under the policy of the page it leads to.
/// </summary>
public sealed partial class Home
{
    [Inject]
    public required SystemInfo SystemInfo { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string? UserName { get; set; }

    private bool MayReview { get; set; }

    private bool MayOperate { get; set; }

    private bool IsAdmin { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var user = await ReviewerIdentity.UserAsync(AuthenticationState);
        UserName = ReviewerIdentity.Name(user);
        MayReview = ReviewDeskPolicies.Roles[ReviewDeskPolicies.Review].Any(user.IsInRole);
        MayOperate = ReviewDeskPolicies.Roles[ReviewDeskPolicies.Operate].Any(user.IsInRole);
        IsAdmin = ReviewDeskPolicies.Roles[ReviewDeskPolicies.Administer].Any(user.IsInRole);
    }
}
