using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Web.Components.Pages;

public sealed partial class Home
{
    [Inject]
    public required SystemInfo SystemInfo { get; init; }
}
