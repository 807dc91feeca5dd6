using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace ReviewDesk.Tests.Web.Components;

/// <summary>Base for component tests: MudBlazor services, loose JS interop, a wait timeout that tolerates a busy CI machine.</summary>
public abstract class BunitTestContext : BunitContext
{
    static BunitTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected BunitTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>MudBlazor menus, selects and tooltips render into this provider: render it before the component.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();
}
