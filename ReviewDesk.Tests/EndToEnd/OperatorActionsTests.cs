using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Triage;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 5, in chromium: a retry that faults again says so and numbers its attempts (before the fix a green
/// "Retried." sat beside Status Faulted and every attempt said 1), and the operator's retry and the designer's revert and
/// draft deletion reach the audit page under the signed-in person.
/// </summary>
public sealed class OperatorActionsTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private const string FaultyVariant = "e2e-faulty-retry";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureFactory(ReviewDeskWebFactory factory) =>
        factory.TestServices = services => services.AddSingleton<ExecutionLog>().AddWorkflowActivity<FlakyActivity>();

    [Fact]
    public async Task Bug_15_RetryThatFaultsAgain_SaysSo_NumbersTheAttempts_AndIsAuditedByTheOperator()
    {
        await PublishFaultyVariantAsync();
        using var submitted = await Api.PostAsJsonAsync("/api/tickets", new { subject = "Refund for double charge", body = "charged twice", variant = FaultyVariant }, Ct);
        var ticket = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await ReviewTickets.WaitForStatusAsync(Api, ticket, "Failed");
        var instance = (await Api.GetFromJsonAsync<JsonElement>($"/api/tickets/{ticket}", Ct)).GetProperty("workflowInstanceId").GetString()!;
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Operator, $"/operations/instances/{instance}");
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("Faulted");
        await Expect(CheckAttempts(page)).ToHaveTextAsync(["1"]);

        await page.GetByTestId("timeline-retry-button").ClickAsync();

        // The retried attempt is attempt 2, and it failed again: no success message beside Status Faulted.
        await Expect(CheckAttempts(page)).ToHaveTextAsync(["1", "2"]);
        await Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("Faulted");
        var message = page.GetByTestId("timeline-message");
        await Expect(message).ToContainTextAsync("retried and faulted again");
        await Expect(message).Not.ToContainTextAsync("Retried.");

        var audit = await NewSignedInPageAsync(ReviewDeskRoles.Admin, $"/audit?action={AuditActions.RetryInstance}");
        var row = audit.Locator($"[data-testid=\"audit-row\"][data-action=\"{AuditActions.RetryInstance}\"]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-actor", TestEmail(ReviewDeskRoles.Operator));
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Bug_15_RevertingAndDeletingADraftInTheDesigner_AppearOnTheAuditPageByTheAdmin()
    {
        var admin = await NewSignedInPageAsync(ReviewDeskRoles.Admin, $"/workflows/{TriageDefinitions.DefaultDefinitionId}/edit");
        await admin.GetByTestId("designer-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await admin.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await admin.Locator("[data-testid=\"version-row\"][data-version=\"1\"]").GetByTestId("version-revert").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("v1 copied into draft v2.");

        await GotoAsync(admin, "/workflows");
        await admin.GetByTestId("workflows-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = admin.Locator($"[data-testid=\"workflow-row\"][data-id=\"{TriageDefinitions.DefaultDefinitionId}\"]");
        await row.GetByTestId("workflow-delete-draft").ClickAsync();
        await Expect(row.GetByTestId("workflow-delete-draft")).ToHaveCountAsync(0);

        await GotoAsync(admin, "/audit");
        foreach (var action in (string[])[AuditActions.RevertDefinition, AuditActions.DeleteDraft])
        {
            var entry = admin.Locator($"[data-testid=\"audit-row\"][data-action=\"{action}\"]");
            await Expect(entry).ToHaveCountAsync(1);
            await Expect(entry).ToHaveAttributeAsync("data-actor", TestEmail(ReviewDeskRoles.Admin));
        }

        Assert.Empty(ConsoleErrors);
    }

    private static ILocator CheckAttempts(IPage page) =>
        page.GetByTestId("attempt-row").Filter(new() { HasText = "Flaky" }).GetByTestId("attempt-number");

    private async Task PublishFaultyVariantAsync()
    {
        // Scrubs the ticket, then fails at "check" on every attempt (one attempt per run), with no Failed connection.
        var definitions = Services.GetRequiredService<WorkflowDefinitionStore>();
        var shipped = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        var faulty = shipped with
        {
            Id = FaultyVariant,
            Name = "Faulty",
            Nodes =
            [
                shipped.Nodes.Single(n => n.Id == "scrub"),
                new WorkflowNode { Id = "check", Type = "Flaky", Settings = new JsonObject { ["failures"] = 9 }, Retry = new RetryPolicySettings { MaximumAttempts = 1 } },
            ],
            Connections = [new WorkflowConnection { From = "scrub", Outcome = "Done", To = "check" }],
        };
        var published = await definitions.SaveAndPublishAsync(faulty, "test", Ct);
        Assert.True(published.Succeeded, string.Join(" ", published.Errors));
    }
}
