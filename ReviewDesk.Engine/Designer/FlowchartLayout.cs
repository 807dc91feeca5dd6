using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>
/// A layered left-to-right layout: a node's column is its longest distance from the start node
/// (back edges ignored), nodes in a column are stacked in the order they were reached; unreachable
/// nodes go to a last column.
/// </summary>
public static class FlowchartLayout
{
    /// <summary>Horizontal distance between columns.</summary>
    public const double ColumnWidth = 240;
    /// <summary>Vertical distance between rows.</summary>
    public const double RowHeight = 140;
    /// <summary>Space around the chart.</summary>
    public const double Margin = 40;

    /// <summary>The definition with every node placed.</summary>
    public static WorkflowDefinition Arrange(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        if (definition.StartNodeId is { } start && definition.FindNode(start) is not null)
        {
            // Longest path over the acyclic part: visit depth-first, skipping edges back to a node on the current path.
            var onPath = new HashSet<string>(StringComparer.Ordinal);
            void Visit(string id, int depth)
            {
                if (layer.TryGetValue(id, out var known) && known >= depth) return;
                if (!layer.ContainsKey(id)) order.Add(id);
                layer[id] = depth;
                onPath.Add(id);
                foreach (var next in definition.Connections.Where(c => c.From == id).Select(c => c.To).Where(t => definition.FindNode(t) is not null && !onPath.Contains(t)))
                {
                    Visit(next, depth + 1);
                }

                onPath.Remove(id);
            }

            Visit(start, 0);
        }

        var lastColumn = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        foreach (var node in definition.Nodes.Where(n => !layer.ContainsKey(n.Id)))
        {
            layer[node.Id] = lastColumn;
            order.Add(node.Id);
        }

        var rows = new Dictionary<int, int>();
        var positions = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var column = layer[id];
            var row = rows.GetValueOrDefault(column);
            rows[column] = row + 1;
            positions[id] = new NodePosition(Margin + column * ColumnWidth, Margin + row * RowHeight);
        }

        return definition with { Nodes = [.. definition.Nodes.Select(n => n with { Position = positions[n.Id] })] };
    }
}
