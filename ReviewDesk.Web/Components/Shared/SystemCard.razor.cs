using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Web.Components.Shared;

public sealed partial class SystemCard
{
    [Parameter, EditorRequired]
    public required SystemInfo Info { get; set; }
}
