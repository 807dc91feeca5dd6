using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// Brings a diagram in line with a <see cref="DesignerSession"/>'s document by changing only what differs: nodes
/// that stay keep their models (updated in place), and only links that differ are removed or added. Each node model
/// has a renderer whose browser-side resize observer calls back into .NET; recreating every model on each change
/// (an undo, a delete) disposed those callbacks while the browser was still reporting sizes to them.
/// </summary>
public static class FlowDiagramSync
{
    /// <summary>Updates <paramref name="diagram"/> to draw <paramref name="session"/>'s document; <paramref name="added"/> sees every new node model.</summary>
    public static void Apply(Diagram diagram, DesignerSession session, Action<FlowNodeModel> added)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(added);
        var definition = session.Definition;
        diagram.Batch(() =>
        {
            var models = SyncNodes(diagram, session, added);
            SyncLinks(diagram, definition, models);
            SyncSelection(diagram, session.SelectedNodeId, models);
        });
    }

    /// <summary>The connection a link draws (from, outcome, to), or null for a link that is not between two flow ports.</summary>
    public static WorkflowConnection? ConnectionOf(BaseLinkModel link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if ((link.Source as SinglePortAnchor)?.Port is not FlowPortModel { Outcome: { } outcome } from) return null;
        if ((link.Target as SinglePortAnchor)?.Port is not FlowPortModel { Outcome: null } to) return null;
        return new WorkflowConnection { From = from.Node.NodeId, Outcome = outcome, To = to.Node.NodeId };
    }

    private static Dictionary<string, FlowNodeModel> SyncNodes(Diagram diagram, DesignerSession session, Action<FlowNodeModel> added)
    {
        var definition = session.Definition;
        var models = new Dictionary<string, FlowNodeModel>(StringComparer.Ordinal);
        foreach (var model in diagram.Nodes.OfType<FlowNodeModel>().ToList())
        {
            // A node whose type changed has other ports: it is drawn anew, like any node that is gone.
            if (definition.FindNode(model.NodeId) is { } node && node.Type == model.Type && !models.ContainsKey(node.Id))
            {
                models[node.Id] = model;
            }
            else
            {
                diagram.Nodes.Remove(model);
            }
        }

        foreach (var node in definition.Nodes)
        {
            var problems = session.ErrorsFor(node.Id).Select(e => e.Message).ToList();
            var title = node.DisplayName ?? node.Type;
            var isStart = definition.StartNodeId == node.Id;
            var position = new Point(node.Position?.X ?? 0, node.Position?.Y ?? 0);
            if (models.TryGetValue(node.Id, out var model))
            {
                if (model.Show(title, problems, isStart) | MoveTo(model, position)) model.Refresh();
                continue;
            }

            model = new FlowNodeModel(node.Id, title, node.Type, problems, isStart, position);
            model.AddPorts(session.OutcomesOf(node));
            models[node.Id] = diagram.Nodes.Add(model);
            added(model);
        }

        return models;
    }

    private static bool MoveTo(FlowNodeModel model, Point position)
    {
        if (model.Position.X.Equals(position.X) && model.Position.Y.Equals(position.Y)) return false;
        model.SetPosition(position.X, position.Y);
        model.RefreshLinks();
        return true;
    }

    private static void SyncLinks(Diagram diagram, WorkflowDefinition definition, Dictionary<string, FlowNodeModel> models)
    {
        var wanted = definition.Connections.ToHashSet();
        var drawn = new HashSet<WorkflowConnection>();
        foreach (var link in diagram.Links.ToList())
        {
            // A link is kept only when it draws a wanted connection between the models now on the canvas, once.
            if (ConnectionOf(link) is { } connection && wanted.Contains(connection) && IsBetween(link, models) && drawn.Add(connection)) continue;
            diagram.Links.Remove(link);
        }

        foreach (var connection in wanted.Where(c => !drawn.Contains(c)))
        {
            if (!models.TryGetValue(connection.From, out var from) || !models.TryGetValue(connection.To, out var to)) continue;
            var port = from.OutcomePorts.FirstOrDefault(p => p.Outcome == connection.Outcome);
            if (port is null) continue;
            diagram.Links.Add(new LinkModel(port, to.Input) { TargetMarker = LinkMarker.Arrow });
        }
    }

    private static bool IsBetween(BaseLinkModel link, Dictionary<string, FlowNodeModel> models) =>
        (link.Source as SinglePortAnchor)?.Port is FlowPortModel from && (link.Target as SinglePortAnchor)?.Port is FlowPortModel to
        && models.GetValueOrDefault(from.Node.NodeId) == from.Node && models.GetValueOrDefault(to.Node.NodeId) == to.Node;

    private static void SyncSelection(Diagram diagram, string? selectedNodeId, Dictionary<string, FlowNodeModel> models)
    {
        if (selectedNodeId is not null && models.TryGetValue(selectedNodeId, out var selected))
        {
            if (!selected.Selected) diagram.SelectModel(selected, unselectOthers: true);
        }
        else if (diagram.Nodes.Any(n => n.Selected))
        {
            diagram.UnselectAll();
        }
    }
}
