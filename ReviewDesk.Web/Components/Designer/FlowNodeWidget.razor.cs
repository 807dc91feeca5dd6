using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>How a definition node looks on the canvas.</summary>
public sealed partial class FlowNodeWidget
{
    [Parameter, EditorRequired]
    public required FlowNodeModel Node { get; set; }
}
