using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Account;

public sealed partial class RedirectToLogin
{
    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override void OnInitialized()
    {
        var returnUrl = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.NavigateTo($"{Identity.AccountEndpoints.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}", forceLoad: true);
    }
}
