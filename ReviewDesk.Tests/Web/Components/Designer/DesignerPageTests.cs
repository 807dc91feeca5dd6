using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Tests.Workflows.Designer;
using ReviewDesk.Web.Components.Designer;
using ReviewDesk.Workflows.Designer;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Components.Designer;

/// <summary>
/// The designer's editor page and its test-run panel, rendered with bUnit over the real designer, runtime and test
/// runner (SQLite, keyword classifier): the renderer's dispatcher is the one a Blazor circuit has.
/// </summary>
public sealed class DesignerPageTests : BunitTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private TriageHost _host = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private WorkflowDesigner Designer => _host.Services.GetRequiredService<WorkflowDesigner>();

    public async ValueTask InitializeAsync()
    {
        _host = await TriageHost.StartAsync(_database, aiEndpoint: null, local: new KeywordClassifierSource());
        Services.AddSingleton(Designer);
        Services.AddSingleton(ActivatorUtilities.CreateInstance<DefinitionTestRunner>(_host.Services));
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 1000, 600));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Bug_15_TestRunPanel_ShowsTheResultAndIsReadyForAnotherRun()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        session.SetSetting("decide", "auditPercent", "0");
        var panel = Render<TestRunPanel>(p => p.Add(c => c.Session, session));

        await panel.Find("[data-testid=test-run-start]").ClickAsync(new());

        await panel.WaitForAssertionAsync(() => Assert.Equal("Completed", panel.Find("[data-testid=test-run-result]").GetAttribute("data-status")),
            TimeSpan.FromSeconds(60));
        Assert.Equal(["scrub", "classify", "decide", "route"], panel.FindAll("[data-testid=test-run-path-node]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Run test", panel.Find("[data-testid=test-run-start]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=test-run-cancel]"));
    }

    [Fact]
    public async Task Bug_15_Publish_AsksFirstWithTheChangesSinceThePublishedVersion()
    {
        var draft = (await Designer.OpenAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        Assert.Null(draft.SetSetting("decide", "threshold", "0.7"));
        await Designer.SaveDraftAsync(draft, "admin", Ct);
        RenderPopoverProvider();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<WorkflowEditorPage>(p => p.Add(c => c.Id, TriageDefinitions.DefaultDefinitionId));
        await page.WaitForAssertionAsync(() => Assert.Contains("v2 · draft", page.Find("[data-testid=designer-version]").TextContent, StringComparison.Ordinal));

        // The click's handler waits for the dialog's answer, so it is awaited only once the dialog is closed.
        var publishing = page.Find("[data-testid=designer-publish]").ClickAsync(new());

        await dialogs.WaitForAssertionAsync(() => Assert.Contains("since the published v1", dialogs.Find("[data-testid=publish-summary]").TextContent, StringComparison.Ordinal));
        var change = Assert.Single(dialogs.FindAll("[data-testid=publish-change]"));
        Assert.Contains("setting threshold", change.TextContent, StringComparison.Ordinal);
        await dialogs.Find("[data-testid=publish-cancel]").ClickAsync(new());
        await publishing;
        await dialogs.WaitForAssertionAsync(() => Assert.Empty(dialogs.FindAll("[data-testid=publish-dialog]")));
        Assert.Contains("v2 · draft", page.Find("[data-testid=designer-version]").TextContent, StringComparison.Ordinal);

        publishing = page.Find("[data-testid=designer-publish]").ClickAsync(new());
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=publish-confirm]"));
        await dialogs.Find("[data-testid=publish-confirm]").ClickAsync(new());
        await publishing;

        await page.WaitForAssertionAsync(() => Assert.Contains("v2 · published", page.Find("[data-testid=designer-version]").TextContent, StringComparison.Ordinal));
    }
}
