using Bunit;
using Bunit.TestDoubles;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// Base for component tests: MudBlazor services, loose JS interop, a wait timeout that tolerates a
/// busy CI machine, and a signed-in user with every role (<see cref="Authorization"/> changes who).
/// </summary>
public abstract class BunitTestContext : BunitContext
{
    static BunitTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected BunitTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddScoped<ReviewDesk.Web.Components.Shared.BrowserTimeZone>();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("test-admin");
        Authorization.SetRoles([.. ReviewDesk.Web.Identity.ReviewDeskRoles.All]);
    }

    /// <summary>The authentication state components see (cascading and AuthorizeView): signed in as test-admin with every role unless a test says otherwise.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>MudBlazor menus, selects and tooltips render into this provider: render it before the component.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();
}
