using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models.Base;
using Bunit;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Tests.Workflows.Designer;
using ReviewDesk.Web.Components.Designer;

namespace ReviewDesk.Tests.Web.Components.Designer;

/// <summary>
/// The designer's canvas over a real <see cref="ReviewDesk.Engine.Designer.DesignerSession"/>, rendered with bUnit: what the diagram
/// library does (a node deleted with the Delete key, links added by dragging) becomes session operations, and the
/// diagram follows the session's document after undo and redo.
/// </summary>
public sealed class DesignerCanvasTests : BunitTestContext
{
    // The diagram measures its canvas in the browser; here it is a fixed 1000 x 600 box.
    public DesignerCanvasTests() =>
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1000, 600));

    [Fact]
    public async Task Bug_15_DeleteRouteThenUndo_RouteComesBackWithExactlyItsConnections()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var connections = session.Definition.Connections.ToHashSet();
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Session, session));
        var diagram = canvas.Instance.Diagram;

        // What the library's Delete key does: remove the selected node (it removes the node's links first).
        await canvas.InvokeAsync(() => diagram.Nodes.Remove(Model(canvas, "route")));
        Assert.Null(session.Definition.FindNode("route"));
        Assert.DoesNotContain(session.Definition.Connections, c => c.To == "route");
        Assert.Equal(connections.Count(c => c.To != "route" && c.From != "route"), session.Definition.Connections.Count);

        // One change, so one undo brings back the node and both its connections (decide:Route, review:Approved).
        await canvas.InvokeAsync(() => session.Undo());
        canvas.Render();

        Assert.False(session.CanUndo);
        Assert.Equal(connections, session.Definition.Connections.ToHashSet());
        Assert.Equal(connections, Drawn(diagram.Links));
    }

    [Fact]
    public async Task Bug_15_UndoAndRedo_KeepTheModelsOfNodesThatStay()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Session, session));
        var diagram = canvas.Instance.Diagram;
        var decide = Model(canvas, "decide");

        await canvas.InvokeAsync(() => diagram.Nodes.Remove(Model(canvas, "route")));
        Assert.Null(session.Definition.FindNode("route"));
        await canvas.InvokeAsync(() => session.Undo());
        canvas.Render();
        await canvas.InvokeAsync(() => session.Redo());
        canvas.Render();
        await canvas.InvokeAsync(() => session.Undo());
        canvas.Render();

        // The browser reports node sizes to the renderer of each model: a model recreated on every redraw was
        // disposed while those reports were on their way ("There is no tracked object with id ...").
        Assert.Same(decide, Model(canvas, "decide"));
        Assert.Equal(session.Definition.Nodes.Select(n => n.Id).Order(), diagram.Nodes.OfType<FlowNodeModel>().Select(n => n.NodeId).Order());
        Assert.Equal(session.Definition.Connections.ToHashSet(), Drawn(diagram.Links));
    }

    [Fact]
    public async Task RemovingALinkOnTheCanvas_DisconnectsOnlyThatOutcome()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Session, session));
        var diagram = canvas.Instance.Diagram;
        var link = diagram.Links.Single(l => FlowDiagramSync.ConnectionOf(l) is { From: "classify", Outcome: "Done" });

        await canvas.InvokeAsync(() => diagram.Links.Remove(link));

        Assert.Null(session.Definition.NextNodeId("classify", "Done"));
        Assert.Equal(session.Definition.Connections.ToHashSet(), Drawn(diagram.Links));
        Assert.Equal("route", session.Definition.NextNodeId("decide", "Route"));
    }

    [Fact]
    public async Task Settled_IsRaisedOnceWhenEveryNodeHasReportedItsSize()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var settled = 0;
        var canvas = Render<DesignerCanvas>(p => p.Add(c => c.Session, session).Add(c => c.Settled, () => settled++));
        var nodes = canvas.Instance.Diagram.Nodes.ToList();

        // The canvas has its size; the nodes report theirs one by one, as the browser does.
        foreach (var node in nodes.SkipLast(1)) await canvas.InvokeAsync(() => node.Size = new Size(160, 60));
        Assert.Equal(0, settled);

        await canvas.InvokeAsync(() => nodes[^1].Size = new Size(160, 60));
        await canvas.WaitForAssertionAsync(() => Assert.Equal(1, settled));

        // Later sizes (a node's text edited) are not start-up: the page's readiness marker is not raised again.
        await canvas.InvokeAsync(() => nodes[0].Size = new Size(200, 60));
        Assert.Equal(1, settled);
    }

    private static FlowNodeModel Model(IRenderedComponent<DesignerCanvas> canvas, string nodeId) =>
        canvas.Instance.Diagram.Nodes.OfType<FlowNodeModel>().Single(n => n.NodeId == nodeId);

    private static HashSet<WorkflowConnection> Drawn(IEnumerable<BaseLinkModel> links) =>
        [.. links.Select(FlowDiagramSync.ConnectionOf).OfType<WorkflowConnection>()];
}
