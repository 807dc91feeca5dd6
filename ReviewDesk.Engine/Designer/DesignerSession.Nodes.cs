using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

public sealed partial class DesignerSession
{
    /// <summary>Adds a node of <paramref name="type"/> at <paramref name="position"/> with an id of its own; the first node becomes the start.</summary>
    /// <exception cref="ArgumentException">The type is not in the activity registry.</exception>
    public WorkflowNode AddNode(string type, NodePosition? position = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (!Registry.TryGet(type, out var registration)) throw new ArgumentException($"unknown activity type '{type}'", nameof(type));
        var stem = char.ToLowerInvariant(type[0]) + type[1..];
        var id = stem;
        for (var n = 2; Definition.FindNode(id) is not null; n++) id = $"{stem}{n}";

        var node = new WorkflowNode
        {
            Id = id,
            Type = type,
            DisplayName = registration.Descriptor.DisplayName,
            Position = position ?? NextFreePosition(),
        };
        Apply(Definition with
        {
            Nodes = [.. Definition.Nodes, node],
            StartNodeId = string.IsNullOrWhiteSpace(Definition.StartNodeId) ? id : Definition.StartNodeId,
        });
        SelectedNodeId = id;
        Changed?.Invoke();
        return node;
    }

    /// <summary>Connects <paramref name="outcome"/> of <paramref name="fromNodeId"/> to <paramref name="toNodeId"/>, replacing that outcome's earlier connection.</summary>
    /// <returns>False when a node is missing, the outcome is not one of the node's, or the connection exists already.</returns>
    public bool Connect(string fromNodeId, string outcome, string toNodeId)
    {
        var from = Definition.FindNode(fromNodeId);
        if (from is null || Definition.FindNode(toNodeId) is null || fromNodeId == toNodeId) return false;
        if (!OutcomesOf(from).Contains(outcome, StringComparer.Ordinal)) return false;
        var connections = Definition.Connections.Where(c => !(c.From == fromNodeId && c.Outcome == outcome)).ToList();
        connections.Add(new WorkflowConnection { From = fromNodeId, Outcome = outcome, To = toNodeId });
        return Apply(Definition with { Connections = connections });
    }

    /// <summary>Removes the connection of <paramref name="outcome"/> from <paramref name="fromNodeId"/>.</summary>
    public bool Disconnect(string fromNodeId, string outcome) =>
        Definition.Connections.Any(c => c.From == fromNodeId && c.Outcome == outcome)
        && Apply(Definition with { Connections = [.. Definition.Connections.Where(c => !(c.From == fromNodeId && c.Outcome == outcome))] });

    /// <summary>Moves a node on the canvas (positions are rounded to whole pixels).</summary>
    public bool MoveNode(string nodeId, NodePosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var node = RequireNode(nodeId);
        var rounded = new NodePosition(Math.Round(position.X), Math.Round(position.Y));
        return node.Position != rounded && ReplaceNode(node with { Position = rounded });
    }

    /// <summary>Deletes a node and every connection to or from it; deleting the start node leaves none (validation says so).</summary>
    public bool DeleteNode(string nodeId)
    {
        if (Definition.FindNode(nodeId) is null) return false;
        return Apply(Definition with
        {
            Nodes = [.. Definition.Nodes.Where(n => n.Id != nodeId)],
            Connections = [.. Definition.Connections.Where(c => c.From != nodeId && c.To != nodeId)],
            StartNodeId = Definition.StartNodeId == nodeId ? null : Definition.StartNodeId,
        });
    }

    /// <summary>Makes a node the one every instance starts at.</summary>
    public bool SetStartNode(string nodeId)
    {
        RequireNode(nodeId);
        return Apply(Definition with { StartNodeId = nodeId });
    }

    /// <summary>Sets a node's label (empty: the activity's name).</summary>
    public bool SetDisplayName(string nodeId, string? displayName)
    {
        var node = RequireNode(nodeId);
        return ReplaceNode(node with { DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim() });
    }

    /// <summary>Lays the flowchart out left to right in layers by distance from the start node.</summary>
    public bool AutoLayout() => Apply(FlowchartLayout.Arrange(Definition));

    private NodePosition NextFreePosition()
    {
        var maxX = Definition.Nodes.Select(n => n.Position?.X ?? 0).DefaultIfEmpty(-FlowchartLayout.ColumnWidth + FlowchartLayout.Margin).Max();
        return new NodePosition(maxX + FlowchartLayout.ColumnWidth, FlowchartLayout.Margin + FlowchartLayout.RowHeight);
    }
}
