using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Routing;

namespace ReviewDesk.Web.Components;

public sealed partial class App
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    // Every page is interactive except those marked [ExcludeFromInteractiveRouting] (the login
    // page): a sign-in must be a plain form post, because only an HTTP response can set the cookie.
    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? RenderMode.InteractiveServer : null;
}
