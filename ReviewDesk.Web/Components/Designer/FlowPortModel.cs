using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>A port of a <see cref="FlowNodeModel"/>: the input (no outcome) or one outcome. Links go from an outcome to another node's input.</summary>
public sealed class FlowPortModel(FlowNodeModel parent, string? outcome, PortAlignment alignment)
    : PortModel($"{parent.NodeId}:{outcome ?? "in"}", parent, alignment, null, null)
{
    /// <summary>The outcome this port stands for; null for the input.</summary>
    public string? Outcome { get; } = outcome;

    /// <summary>The node.</summary>
    public FlowNodeModel Node { get; } = parent;

    public override bool CanAttachTo(ILinkable other) =>
        other is FlowPortModel port && (Outcome is null) != (port.Outcome is null) && port.Node != Node;
}
