using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Extensions;
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
/// selection back to it. The session is the truth: after any change the diagram is brought in line with it
/// (<see cref="FlowDiagramSync"/>).
/// </summary>
public sealed partial class DesignerCanvas : IDisposable
{
    private bool _syncing;
    // The chart is fitted to the view once, when it is first drawn in the browser (see FitOnceMeasured).
    private bool _fitPending = true;
    private int _drawnRevision = -1;

    private const double FitMargin = 40;
    private const double ReadableZoom = 0.85;

    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    /// <summary>The activity type being dragged from the toolbox, if any.</summary>
    [Parameter]
    public string? DraggedType { get; set; }

    /// <summary>Raised after a toolbox item was dropped and added.</summary>
    [Parameter]
    public EventCallback Dropped { get; set; }

    /// <summary>
    /// Raised once, when the browser has reported the canvas's and every node's size and the chart has been fitted to
    /// the view (at once for an empty chart): the canvas's start-up renders are over.
    /// </summary>
    [Parameter]
    public EventCallback Settled { get; set; }

    internal BlazorDiagram Diagram { get; } = new(new BlazorDiagramOptions
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

    public void ZoomToFit() => Diagram.ZoomToFit(FitMargin);

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
            FlowDiagramSync.Apply(Diagram, Session, OnModelAdded);
        }
        finally
        {
            _syncing = false;
        }
    }

    private void OnModelAdded(FlowNodeModel model)
    {
        model.Moved += OnNodeMoved;
        if (_fitPending) model.SizeChanged += OnFirstSize;
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
        // Deleting a node removes its links first (the node is already off the canvas): the node's deletion, one
        // undoable change, takes its connections with it. Disconnecting them here made undo bring the node back bare.
        if (!IsOnCanvas(link.Source) || !IsOnCanvas(link.Target)) return;
        if (FlowDiagramSync.ConnectionOf(link) is { } connection)
        {
            Session.Disconnect(connection.From, connection.Outcome);
            Later();
        }
    }

    private bool IsOnCanvas(Anchor anchor) => (anchor as SinglePortAnchor)?.Port is FlowPortModel port && Diagram.Nodes.Contains(port.Node);

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
        _ = InvokeAsync(async () =>
        {
            if (Diagram.Nodes.Count > 0)
            {
                FitReadably();
                StateHasChanged();
            }

            await Settled.InvokeAsync();
        });
    }

    // A wide chart fitted whole in the canvas was drawn at 6 px: below a readable zoom, the chart is shown from its
    // left edge at that zoom (centred vertically when it is shorter than the canvas), and the admin pans to the rest.
    private void FitReadably()
    {
        ZoomToFit();
        if (Diagram.Zoom >= ReadableZoom || Diagram.Container is not { } container) return;
        var bounds = Diagram.Nodes.GetBounds();
        Diagram.SetZoom(ReadableZoom);
        var top = Math.Max(FitMargin, (container.Height - bounds.Height * ReadableZoom) / 2);
        Diagram.SetPan(FitMargin - bounds.Left * ReadableZoom, top - bounds.Top * ReadableZoom);
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
