using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ReviewDesk.Tests.Web.Api;
using ReviewDesk.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>The workflow designer in chromium: an admin makes a variant, and new tickets that match its rule run it.</summary>
public sealed class DesignerTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminCreatesAVariantAddsANodeAndPublishes_ANewTicketRoutedToTheVariantRunsIt()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, "/workflows");
        await page.GetByTestId("workflows-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Create the variant as a copy of the default workflow.
        await page.Locator("[data-testid=workflow-row][data-id=support-triage]").GetByTestId("workflow-duplicate").ClickAsync();
        // The panel's inputs are in the page (collapsed) before the click's render arrives: wait for the copy's
        // prefilled id, or that render can overwrite what is typed below and create "support-triage-copy" instead.
        var newId = page.Locator("[data-testid=create-id] input, input[data-testid=create-id]");
        await Expect(newId).ToHaveValueAsync("support-triage-copy");
        await newId.FillAsync("e2e-variant");
        await page.Locator("[data-testid=create-name] input, input[data-testid=create-name]").FillAsync("E2E variant");
        await page.GetByTestId("create-submit").ClickAsync();
        await Expect(page.GetByTestId("create-error")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows/e2e-variant/edit$"));
        await page.GetByTestId("designer-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        // support-triage's 8 nodes (three Classify steps: the cascade).
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(8);
        // The chart opens readable when it first renders: its start node inside the canvas, no node title under 12 px.
        await page.WaitForFunctionAsync("""
            () => {
              const canvas = document.querySelector('[data-testid=designer-canvas]').getBoundingClientRect();
              const start = document.querySelector('[data-testid=flow-node][data-node-id=scrub]').getBoundingClientRect();
              const titles = [...document.querySelectorAll('.flow-node__title')].map(t => t.getBoundingClientRect().height);
              return titles.length === 8 && titles.every(h => h >= 12)
                && start.left >= canvas.left && start.right <= canvas.right && start.top >= canvas.top && start.bottom <= canvas.bottom;
            }
            """);

        // Add a node by dragging it from the toolbox onto the canvas, and set it up in the property panel.
        await page.Locator("[data-testid=toolbox-item][data-type=SetVariable]").DragToAsync(page.GetByTestId("designer-canvas"),
            new() { TargetPosition = new() { X = 300, Y = 420 } });
        await Expect(page.GetByTestId("flow-node")).ToHaveCountAsync(9);
        await Expect(page.GetByTestId("node-properties")).ToHaveAttributeAsync("data-node-id", "setVariable");
        var name = page.Locator("[data-testid=setting-name] input, input[data-testid=setting-name]");
        await name.FillAsync("designedBy");
        await name.PressAsync("Tab");
        var value = page.Locator("[data-testid=setting-value] textarea, textarea[data-testid=setting-value]");
        await value.FillAsync("\"e2e\"");
        await value.PressAsync("Tab");
        await Expect(page.Locator("[data-testid=flow-node][data-node-id=setVariable]")).ToContainTextAsync("problem");

        // Wire it in on the canvas: Scrub PII's Done port to the new node, the new node's Done port to Classify.
        await DragPortAsync(page, "scrub", "Done", "setVariable");
        await DragPortAsync(page, "setVariable", "Done", "classify");
        await Expect(page.GetByTestId("designer-valid")).ToBeVisibleAsync();

        // The variant's rule: tickets from the "e2e" channel.
        await page.GetByRole(AriaRole.Button, new() { Name = "Definition" }).ClickAsync();
        await page.GetByTestId("selection-enabled").ClickAsync();
        await page.Locator("[data-testid=selection-channels] input, input[data-testid=selection-channels]").FillAsync("e2e");
        await page.GetByTestId("selection-apply").ClickAsync();
        await Expect(page.GetByTestId("selection-error")).ToHaveCountAsync(0);

        await page.GetByTestId("designer-publish").ClickAsync();
        // A new variant: the confirmation says nothing of it is published yet.
        await Expect(page.GetByTestId("publish-first")).ToContainTextAsync("e2e-variant");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Expect(page.GetByTestId("designer-version")).ToContainTextAsync("published");
        await Expect(page.GetByTestId("designer-dirty")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "published-variant");

        // A new ticket on that channel runs the variant, through the added node.
        using var response = await Api.PostAsJsonAsync("/api/tickets", new { subject = "Invoice charged twice", body = "My billing shows a double charge.", channel = "e2e" }, Ct);
        response.EnsureSuccessStatusCode();
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = ticket.GetProperty("id").GetString()!;
        Assert.Equal("e2e-variant", ticket.GetProperty("workflowDefinition").GetString());
        await WaitForNodeAsync(id, "setVariable");
        await WaitForNodeAsync(id, "decide");

        using var other = await Api.PostAsJsonAsync("/api/tickets", new { subject = "Parcel lost", body = "Tracking has not moved.", channel = "email" }, Ct);
        Assert.Equal("support-triage", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("workflowDefinition").GetString());
        Assert.Empty(ConsoleErrors);
    }

    private static async Task DragPortAsync(IPage page, string fromNode, string outcome, string toNode)
    {
        var source = page.Locator($"[data-testid=flow-node][data-node-id={fromNode}] [data-outcome={outcome}] .flow-port");
        var target = page.Locator($"[data-testid=flow-node][data-node-id={toNode}] .flow-port--in");
        await source.DragToAsync(target);
    }

    private async Task WaitForNodeAsync(string ticketId, string nodeId)
    {
        for (var i = 0; i < 300; i++)
        {
            var timeline = await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticketId}/timeline", Ct);
            if (timeline.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "ActivityCompleted" && e.GetProperty("node").GetString() == nodeId)) return;
            await Task.Delay(100, Ct);
        }

        Assert.Fail($"ticket {ticketId} never completed node {nodeId}");
    }
}
