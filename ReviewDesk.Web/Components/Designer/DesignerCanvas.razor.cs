using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// Draws a <see cref="DesignerSession"/>'s flowchart and reports moves, new links, deletions and
/// selection back to it. The session is the truth: after any change the diagram is rebuilt from it.
/// </summary>
public sealed partial class DesignerCanvas : IDisposable
{
    private bool _syncing;
    // The chart is fitted to the view once, when it is first drawn in the browser (see FitOnceMeasured).
    private bool _fitPending = true;
    private int _drawnRevision = -1;

    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    /// <summary>The activity type being dragged from the toolbox, if any.</summary>
    [Parameter]
    public string? DraggedType { get; set; }

    /// <summary>Raised after a toolbox item was dropped and added.</summary>
    [Parameter]
    public EventCallback Dropped { get; set; }

    private BlazorDiagram Diagram { get; } = new(new BlazorDiagramOptions
    {
        AllowMultiSelection = false,
        GridSize = 20,
        Zoom = { Enabled = true, Minimum = 0.3, Maximum = 2.5 },
        Links =
        {
            DefaultRouter = new NormalRouter(),
            DefaultPathGenerator = new SmoothPathGenerator(),
            RequireTarget = true,
            // The port under the pointer decides; snapping would use port positions measured before the last redraw.
            EnableSnapping = false,
        },
    });

    protected override void OnInitialized()
    {
        Diagram.RegisterComponent<FlowNodeModel, FlowNodeWidget>();
        // Only outcome ports start links; dragging from an input port does nothing.
        Diagram.Options.Links.Factory = (_, source, target) =>
            source is FlowPortModel { Outcome: not null } port ? new LinkModel(new SinglePortAnchor(port), target) { TargetMarker = LinkMarker.Arrow } : null!;
        Diagram.Links.Added += OnLinkAdded;
        Diagram.Links.Removed += OnLinkRemoved;
        Diagram.Nodes.Removed += OnNodeRemoved;
        Diagram.SelectionChanged += OnSelectionChanged;
        Diagram.ContainerChanged += FitOnceMeasured;
    }

    protected override void OnParametersSet() => RebuildIfChanged();

    public void ZoomIn() => Diagram.SetZoom(Math.Min(Diagram.Zoom * 1.2, 2.5));

    public void ZoomOut() => Diagram.SetZoom(Math.Max(Diagram.Zoom / 1.2, 0.3));

    public void ZoomToFit() => Diagram.ZoomToFit(40);

    private async Task DropAsync(DragEventArgs e)
    {
        if (DraggedType is null) return;
        var point = Diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        Session.AddNode(DraggedType, new NodePosition(point.X, point.Y));
        await Dropped.InvokeAsync();
    }

    private void RebuildIfChanged(bool force = false)
    {
        if (!force && _drawnRevision == Session.Revision) return;
        _drawnRevision = Session.Revision;
        _syncing = true;
        try
        {
            Diagram.Batch(() =>
            {
                Diagram.Links.Clear();
                Diagram.Nodes.Clear();
                var models = new Dictionary<string, FlowNodeModel>(StringComparer.Ordinal);
                foreach (var node in Session.Definition.Nodes)
                {
                    var problems = Session.ErrorsFor(node.Id).Select(e => e.Message).ToList();
                    var model = new FlowNodeModel(node.Id, node.DisplayName ?? node.Type, node.Type, problems, Session.Definition.StartNodeId == node.Id,
                        new Point(node.Position?.X ?? 0, node.Position?.Y ?? 0));
                    model.AddPorts(Session.OutcomesOf(node));
                    model.Moved += OnNodeMoved;
                    if (_fitPending) model.SizeChanged += OnFirstSize;
                    models[node.Id] = Diagram.Nodes.Add(model);
                    if (Session.SelectedNodeId == node.Id) Diagram.SelectModel(model, unselectOthers: true);
                }

                foreach (var connection in Session.Definition.Connections)
                {
                    if (!models.TryGetValue(connection.From, out var from) || !models.TryGetValue(connection.To, out var to)) continue;
                    var port = from.OutcomePorts.FirstOrDefault(p => p.Outcome == connection.Outcome);
                    if (port is null) continue;
                    Diagram.Links.Add(new LinkModel(port, to.Input) { TargetMarker = LinkMarker.Arrow });
                }
            });
        }
        finally
        {
            _syncing = false;
        }
    }

    // The library is in the middle of its own event when these fire: change the session now, redraw after.
    private void Later(bool force = false) => _ = InvokeAsync(() =>
    {
        RebuildIfChanged(force);
        StateHasChanged();
    });

    private void OnLinkAdded(BaseLinkModel link)
    {
        if (!_syncing) link.TargetAttached += OnTargetAttached;
    }

    private void OnTargetAttached(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        if ((link.Source as SinglePortAnchor)?.Port is FlowPortModel source && (link.Target as SinglePortAnchor)?.Port is FlowPortModel target)
        {
            var (from, to) = source.Outcome is not null ? (source, target) : (target, source);
            if (from.Outcome is not null) Session.Connect(from.Node.NodeId, from.Outcome, to.Node.NodeId);
        }

        // A refused link must disappear: redraw even when the document did not change.
        Later(force: true);
    }

    private void OnLinkRemoved(BaseLinkModel link)
    {
        if (_syncing || !link.IsAttached) return;
        if ((link.Source as SinglePortAnchor)?.Port is FlowPortModel { Outcome: { } outcome } source)
        {
            Session.Disconnect(source.Node.NodeId, outcome);
            Later();
        }
    }

    private void OnNodeRemoved(NodeModel node)
    {
        if (_syncing || node is not FlowNodeModel flow) return;
        Session.DeleteNode(flow.NodeId);
        Later(force: true);
    }

    private void OnNodeMoved(MovableModel model)
    {
        if (_syncing || model is not FlowNodeModel flow) return;
        if (Session.MoveNode(flow.NodeId, new NodePosition(flow.Position.X, flow.Position.Y))) Later();
    }

    // Fitting needs the canvas's and every node's size, which the browser reports after the first
    // render (only in an interactive circuit); an empty chart is left as it is.
    private void FitOnceMeasured()
    {
        if (!_fitPending || Diagram.Container is null) return;
        if (Diagram.Nodes.Count > 0 && Diagram.Nodes.Any(n => n.Size is null)) return;
        _fitPending = false;
        if (Diagram.Nodes.Count == 0) return;
        _ = InvokeAsync(() =>
        {
            ZoomToFit();
            StateHasChanged();
        });
    }

    private void OnFirstSize(NodeModel node)
    {
        node.SizeChanged -= OnFirstSize;
        FitOnceMeasured();
    }

    private void OnSelectionChanged(SelectableModel model)
    {
        if (_syncing || model is not FlowNodeModel flow || !flow.Selected) return;
        if (Session.SelectedNodeId != flow.NodeId) _ = InvokeAsync(() => Session.Select(flow.NodeId));
    }

    public void Dispose()
    {
        Diagram.Links.Added -= OnLinkAdded;
        Diagram.Links.Removed -= OnLinkRemoved;
        Diagram.Nodes.Removed -= OnNodeRemoved;
        Diagram.SelectionChanged -= OnSelectionChanged;
        Diagram.ContainerChanged -= FitOnceMeasured;
    }
}
