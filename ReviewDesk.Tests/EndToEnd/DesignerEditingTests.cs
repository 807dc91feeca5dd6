using Microsoft.Playwright;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 2: editing in the designer in chromium. Deleting a node and undoing it restores exactly the saved
/// flowchart (the "Unsaved changes" chip goes away, every link is back); Ctrl+Z and Ctrl+Y work outside text fields;
/// Publish asks first, listing what changed; the chart opens readable and the toolbar stays on one row.
/// </summary>
public sealed class DesignerEditingTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    // support-triage has 8 nodes (the cascade's three Classify steps) and 16 connections; Route has two of them (decide:Route and review:Approved).
    private const int Nodes = 8;
    private const int Links = 16;

    [Fact]
    public async Task Bug_15_DeleteRouteThenUndo_RestoresRouteWithExactlyItsConnections()
    {
        var page = await OpenDesignerAsync();

        await DeleteNodeAsync(page, "route");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes - 1);
        await Expect(page.Locator("[data-link-id]")).ToHaveCountAsync(Links - 2);
        await Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();

        await page.GetByTestId("designer-undo").ClickAsync();

        // One undo brings back the saved document exactly: nothing is unsaved, nothing is missing.
        await Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes);
        await Expect(page.Locator("[data-link-id]")).ToHaveCountAsync(Links);
        await Expect(page.GetByTestId("designer-valid")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("designer-undo")).ToBeDisabledAsync();
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_ASizeReportForARemovedNode_IsDropped_NotAnUncaughtError()
    {
        // Z.Blazor.Diagrams reports sizes through each node's .NET reference, and a report already queued when a node is
        // removed reached a disposed reference: an uncaught "no tracked object" error (seen once in the suite after Ctrl+Z).
        // Here every reference the diagram tracks is kept, a node is deleted, and each kept reference reports a size.
        var page = await OpenDesignerAsync();
        // Every node's widget has registered its size observer (the canvas and the ports register too).
        await page.WaitForFunctionAsync($"() => Object.keys(window.ZBlazorDiagrams.tracked).length > {Nodes}");
        await page.EvaluateAsync("() => { window.__keptRefs = Object.values(window.ZBlazorDiagrams.tracked).map(t => t.ref); }");
        await DeleteNodeAsync(page, "route");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes - 1);

        var outcomes = await page.EvaluateAsync<string[]>("""
            async () => (await Promise.allSettled(window.__keptRefs.map(r =>
                r.invokeMethodAsync('OnResize', { left: 0, top: 0, width: 10, height: 10 }))))
              .map(o => o.status === 'fulfilled' ? 'ok' : String(o.reason && o.reason.message || o.reason))
            """);
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.Equal("ok", o));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_CtrlZAndCtrlY_UndoAndRedoOutsideTextFields()
    {
        var page = await OpenDesignerAsync();
        await DeleteNodeAsync(page, "route");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes - 1);

        await page.Keyboard.PressAsync("Control+z");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes);
        await Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("Control+y");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes - 1);
        await Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();

        // In a text field Ctrl+Z is the field's own undo, not the flowchart's.
        await page.Locator("[data-testid=definition-name] input, input[data-testid=definition-name]").FocusAsync();
        await page.Keyboard.PressAsync("Control+z");
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes - 1);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_Publish_AsksFirstWithWhatChangedSinceThePublishedVersion()
    {
        var page = await OpenDesignerAsync();
        await DeleteNodeAsync(page, "route");
        await Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();

        await page.GetByTestId("designer-publish").ClickAsync();
        // MudDialog puts its attributes on the content only, so the dialog with its buttons is the .mud-dialog around it.
        var dialog = page.Locator(".mud-dialog").Filter(new() { Has = page.GetByTestId("publish-dialog") });
        await Expect(dialog.GetByTestId("publish-summary")).ToContainTextAsync("since the published v1");
        await Expect(dialog.GetByTestId("publish-change").Filter(new() { HasText = "route" }).First).ToContainTextAsync("Removed");

        await dialog.GetByTestId("publish-cancel").ClickAsync();
        await Expect(page.GetByTestId("publish-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("designer-version")).ToContainTextAsync("v1 · published");

        // Deleting Route leaves the flow invalid (decide's Route outcome goes nowhere), so undo it and change a setting instead.
        await page.GetByTestId("designer-undo").ClickAsync();
        await page.Locator("[data-testid=flow-node][data-node-id=decide]").ClickAsync();
        var threshold = page.Locator("[data-testid=setting-threshold] input, input[data-testid=setting-threshold]");
        await threshold.FillAsync("0.7");
        await threshold.PressAsync("Tab");
        await page.GetByTestId("designer-publish").ClickAsync();
        await Expect(page.GetByTestId("publish-change")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("publish-change")).ToContainTextAsync("setting threshold");
        await page.GetByTestId("publish-confirm").ClickAsync();

        await Expect(page.GetByTestId("designer-version")).ToContainTextAsync("v2 · published");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_TheChartOpensReadable_AndPublishStaysOnTheToolbarRow()
    {
        var page = await OpenDesignerAsync(new ViewportSize { Width = 1440, Height = 900 });

        // Node titles are drawn at a size people read (the fitted zoom no longer shrinks them to 6 px).
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('.flow-node__title')].every(t => t.getBoundingClientRect().height >= 12)
            """);

        await page.Locator("[data-testid=flow-node][data-node-id=decide]").ClickAsync();
        var threshold = page.Locator("[data-testid=setting-threshold] input, input[data-testid=setting-threshold]");
        await threshold.FillAsync("0.7");
        await threshold.PressAsync("Tab");
        await Expect(page.GetByTestId("designer-dirty")).ToBeVisibleAsync();

        var publish = (await page.GetByTestId("designer-publish").BoundingBoxAsync())!;
        var undo = (await page.GetByTestId("designer-undo").BoundingBoxAsync())!;
        Assert.Equal(undo.Y + undo.Height / 2, publish.Y + publish.Height / 2, 2);
    }

    private async Task<IPage> OpenDesignerAsync(ViewportSize? viewport = null)
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/workflows/support-triage/edit");
        if (viewport is not null) await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        await page.GetByTestId("designer-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(Nodes);
        await Expect(page.Locator("[data-link-id]")).ToHaveCountAsync(Links);
        return page;
    }

    // Select the node on the canvas (the property panel shows it), then press Delete as an admin would.
    private static async Task DeleteNodeAsync(IPage page, string nodeId)
    {
        await page.Locator($"[data-testid=flow-node][data-node-id={nodeId}] .flow-node__title").ClickAsync();
        await Expect(page.GetByTestId("node-properties")).ToHaveAttributeAsync("data-node-id", nodeId);
        await page.Keyboard.PressAsync("Delete");
    }
}
