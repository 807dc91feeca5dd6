using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Designer;
using ReviewDesk.Workflows.Triage;
using static Microsoft.Playwright.Assertions;

namespace ReviewDesk.Tests.EndToEnd;

/// <summary>
/// Issue 15, item 1: the designer's Test run in chromium. Each run shows its result (routed, waiting at review, faulted),
/// leaves no throwaway folder behind, and the designer answers clicks afterwards. Before the fix the circuit deadlocked
/// when the run's host was disposed, so the button stayed at "Running…" and no result ever appeared.
/// </summary>
public sealed class DesignerTestRunTests(ChromiumFixture chromium) : EndToEndTestBase(chromium)
{
    private const string DraftId = "e2e-test-run";

    private readonly string _testRuns = Path.Combine(Path.GetTempPath(), "reviewdesk-e2e-test-runs", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override void ConfigureFactory(ReviewDeskWebFactory factory) => factory.Settings[$"{TestRunOptions.Section}:Directory"] = _testRuns;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_testRuns)) Directory.Delete(_testRuns, recursive: true);
    }

    [Fact]
    public async Task Bug_15_TestRunThatRoutes_ShowsTheRouteAndDeletesItsFolder()
    {
        await SaveDraftAsync(session => session.SetSetting("decide", "auditPercent", "0"));
        var page = await OpenTestRunAsync();

        await RunAsync(page, "Invoice charged twice", "My billing shows a double charge.");

        var result = page.GetByTestId("test-run-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(page.GetByTestId("test-run-path-node")).ToHaveTextAsync(["scrub", "classify", "decide", "route"]);
        await Expect(result).ToContainTextAsync("queue finance");
        await ExpectResponsiveAndCleanAsync(page);
    }

    [Fact]
    public async Task Bug_15_TestRunThatStopsAtReview_ShowsWhereItWaits()
    {
        await SaveDraftAsync(session => session.SetSetting("decide", "alwaysReview", "true"));
        var page = await OpenTestRunAsync();

        await RunAsync(page, "Not sure", "not sure what this is");

        var result = page.GetByTestId("test-run-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "Suspended");
        await Expect(result).ToContainTextAsync("waiting at review");
        await Expect(page.GetByTestId("test-run-path-node").Last).ToHaveTextAsync("review");
        await ExpectResponsiveAndCleanAsync(page);
    }

    [Fact]
    public async Task Bug_15_TestRunThatFaults_ShowsTheError()
    {
        // Classify refuses unscrubbed text, and with no Failed connection that faults the instance.
        await SaveDraftAsync(session =>
        {
            session.DeleteNode("scrub");
            session.SetStartNode("classify");
            session.Disconnect("classify", "Failed");
        });
        var page = await OpenTestRunAsync();

        await RunAsync(page, "Invoice charged twice", "My billing shows a double charge.");

        var result = page.GetByTestId("test-run-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "Faulted");
        await Expect(result).ToContainTextAsync("has not been scrubbed");
        await ExpectResponsiveAndCleanAsync(page);
    }

    private async Task SaveDraftAsync(Action<DesignerSession> edit)
    {
        var designer = Services.GetRequiredService<WorkflowDesigner>();
        Assert.True((await designer.DuplicateAsync(TriageDefinitions.DefaultDefinitionId, DraftId, "E2E test run", "e2e", Ct)).Succeeded);
        var session = (await designer.OpenAsync(DraftId, Ct))!;
        edit(session);
        Assert.Empty(session.Errors);
        Assert.True((await designer.SaveDraftAsync(session, "e2e", Ct)).Succeeded);
    }

    private async Task<IPage> OpenTestRunAsync()
    {
        var page = await NewSignedInPageAsync(ReviewDeskRoles.Admin, $"/workflows/{DraftId}/edit");
        await page.GetByTestId("designer-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Test run" }).ClickAsync();
        return page;
    }

    private static async Task RunAsync(IPage page, string subject, string body)
    {
        await page.Locator("[data-testid=test-run-subject] input, input[data-testid=test-run-subject]").FillAsync(subject);
        await page.Locator("[data-testid=test-run-body] textarea, textarea[data-testid=test-run-body]").FillAsync(body);
        await page.GetByTestId("test-run-start").ClickAsync();
    }

    // The run ended for real: the button is back, the rest of the designer still answers, and the run's folder is gone.
    private async Task ExpectResponsiveAndCleanAsync(IPage page)
    {
        await Expect(page.GetByTestId("test-run-start")).ToHaveTextAsync("Run test");
        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByTestId("version-row").First).ToBeVisibleAsync();
        Assert.Empty(Directory.Exists(_testRuns) ? Directory.GetFileSystemEntries(_testRuns) : []);
        Assert.Empty(ConsoleErrors);
    }
}
