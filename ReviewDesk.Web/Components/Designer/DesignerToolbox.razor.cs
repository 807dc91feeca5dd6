using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>The activity types of the runtime's registry, by category: drag one onto the canvas, or add it with its button.</summary>
public sealed partial class DesignerToolbox
{
    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    [Parameter]
    public EventCallback<string> DragStarted { get; set; }

    [Parameter]
    public EventCallback<string> Add { get; set; }
}
