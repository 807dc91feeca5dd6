using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Tests.Web.Components.Review;
using ReviewDesk.Web.Components.Admin;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Web.Components.Admin;

/// <summary>The model page over the real retrainer, dashboard, definition store and audit log (SQLite).</summary>
public sealed class ModelsPageTests : ReviewTestContext
{
    private async Task SeedAsync()
    {
        SignIn("admin", admin: true);
        await ModelVersionSeed.AddAsync(Host.Services, 1, ModelVersionStatus.Retired, ModelVersions.Base, Ct);
        await ModelVersionSeed.AddAsync(Host.Services, 2, ModelVersionStatus.Active, "v1", Ct);
    }

    [Fact]
    public async Task Render_ShowsVersionsConfusionPerClassReliabilityAndTheCurveWithEachVariantsThreshold()
    {
        await SeedAsync();

        var cut = Render<ModelsPage>();

        await cut.WaitForAssertionAsync(() => Assert.Equal("v2", cut.Find("[data-testid=active-version]").TextContent));
        Assert.Equal(["v2", "v1", "base"], cut.FindAll("[data-testid=model-version-row]").Select(r => r.GetAttribute("data-version")));
        Assert.Equal(["Roll back", "Roll back"], cut.FindAll("[data-testid=activate-version]").Select(b => b.TextContent.Trim()));
        // The figures are v2's held-out predictions: 17 of 20 right.
        Assert.Equal("Accuracy 0.850", cut.Find("[data-testid=figure-accuracy]").TextContent.Trim());
        Assert.Equal(17, int.Parse(Cell(cut, "billing", "billing"), System.Globalization.CultureInfo.InvariantCulture) + int.Parse(Cell(cut, "shipping", "shipping"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", Cell(cut, "shipping", "technical_issue"));
        Assert.Equal("1", Cell(cut, "billing", "refund"));
        Assert.Equal(8, cut.FindAll("[data-testid=per-category] [data-testid=per-class-row]").Count);
        Assert.Equal(4, cut.FindAll("[data-testid=per-priority] [data-testid=per-class-row]").Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=reliability-bar]"));
        // Thresholds 0 to 1 in steps of 0.05 (issue 12: it covered 0.5 to 0.95 only).
        Assert.Equal(21, cut.FindAll("[data-testid=curve-point]").Count);
        Assert.Equal(21, cut.Find("[data-testid=curve-coverage]").GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(["0.00", "1.00"], new[] { cut.FindAll("[data-testid=curve-point] td")[0].TextContent, cut.FindAll("[data-testid=curve-point]")[^1].QuerySelector("td")!.TextContent });
        var markers = cut.FindAll("[data-testid=threshold-marker]").Select(m => (m.GetAttribute("data-variant"), m.GetAttribute("data-threshold"))).ToList();
        Assert.Contains((TriageDefinitions.DefaultDefinitionId, "0.8"), markers);
    }

    [Fact]
    public async Task RollBack_AfterConfirming_ActivatesTheOlderVersion_AndAuditsTheAdmin()
    {
        await SeedAsync();
        var cut = Render<ModelsPage>();
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=activate-version][data-version=v1]"));

        // The handler awaits the dialog: start the click, then answer the dialog.
        var click = cut.Find("[data-testid=activate-version][data-version=v1]").ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.Contains("Roll back to v1?", DialogProvider.Markup, StringComparison.Ordinal));
        await DialogProvider.FindAll("button").Single(b => b.TextContent.Trim() == "Roll back").ClickAsync(new());
        await click;

        await cut.WaitForAssertionAsync(() => Assert.Equal("v1", cut.Find("[data-testid=active-version]").TextContent));
        Assert.Contains("v1 is active (was v2).", cut.Find("[data-testid=models-message]").TextContent, StringComparison.Ordinal);
        var entries = (await Host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.RollbackModel }, Ct)).Items;
        Assert.Equal(("admin", "model:v1"), (Assert.Single(entries).Actor, entries[0].Target));
    }

    [Fact]
    public async Task RollBack_Cancelled_ChangesNothing()
    {
        await SeedAsync();
        var cut = Render<ModelsPage>();
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=activate-version][data-version=base]"));

        var click = cut.Find("[data-testid=activate-version][data-version=base]").ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.Contains("Roll back to base?", DialogProvider.Markup, StringComparison.Ordinal));
        await DialogProvider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await click;

        await cut.WaitForAssertionAsync(() => Assert.DoesNotContain("Roll back to base?", DialogProvider.Markup, StringComparison.Ordinal));
        Assert.Equal("v2", cut.Find("[data-testid=active-version]").TextContent);
        Assert.Equal("v2", (await Host.Services.GetRequiredService<ModelRetrainer>().ListAsync(Ct)).Single(v => v.Status == ModelVersionStatus.Active).Version);
    }

    [Fact]
    public async Task SetThreshold_PublishesANewVersionOfTheVariant_AuditedWithTheAdmin()
    {
        await SeedAsync();
        var definitions = Host.Services.GetRequiredService<WorkflowDefinitionStore>();
        var before = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!.Version;
        var cut = Render<ModelsPage>();
        var row = $"[data-testid=threshold-row][data-variant={TriageDefinitions.DefaultDefinitionId}]";
        await cut.WaitForAssertionAsync(() => cut.Find(row));

        await cut.Find($"{row} input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "0.9" });
        await cut.Find($"{row} [data-testid=threshold-publish]").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal("0.9", cut.Find($"{row} [data-testid=threshold-current]").TextContent));
        var published = (await definitions.GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;
        Assert.Equal(before + 1, published.Version);
        Assert.Equal(0.9, published.Nodes.Single(n => n.Type == ModelDashboard.DecideType).Settings["threshold"]!.GetValue<double>());
        var entries = (await Host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.PublishDefinition, Actor = "admin" }, Ct)).Items;
        Assert.Contains(entries, e => e.Target == AuditedWorkflowChanges.Target(TriageDefinitions.DefaultDefinitionId, published.Version));
        Assert.Contains((TriageDefinitions.DefaultDefinitionId, "0.9"),
            cut.FindAll("[data-testid=threshold-marker]").Select(m => (m.GetAttribute("data-variant"), m.GetAttribute("data-threshold"))));
    }

    [Fact]
    public async Task ShadowToggle_PutsAVersionInShadowMode_AndTakesItOut_AuditedWithTheAdmin()
    {
        await SeedAsync();
        var cut = Render<ModelsPage>();
        var toggle = "[data-testid=shadow-toggle][data-version=v1]";
        await cut.WaitForAssertionAsync(() => Assert.Equal("off", cut.Find(toggle).GetAttribute("data-shadow")));

        await cut.Find(toggle).ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.Equal("on", cut.Find(toggle).GetAttribute("data-shadow")));
        var marked = (await Host.Services.GetRequiredService<ModelRetrainer>().ListAsync(Ct)).Single(v => v.Version == "v1").Shadow;
        await cut.Find(toggle).ClickAsync(new());
        await cut.WaitForAssertionAsync(() => Assert.Equal("off", cut.Find(toggle).GetAttribute("data-shadow")));

        Assert.True(marked);
        Assert.False((await Host.Services.GetRequiredService<ModelRetrainer>().ListAsync(Ct)).Single(v => v.Version == "v1").Shadow);
        var entries = (await Host.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.ShadowModel }, Ct)).Items;
        Assert.Equal([("admin", "model:v1"), ("admin", "model:v1")], entries.Select(e => (e.Actor, e.Target)));
    }

    private static string Cell(IRenderedComponent<ModelsPage> cut, string gold, string predicted) =>
        cut.Find($"[data-testid=confusion-cell][data-gold={gold}][data-predicted={predicted}]").TextContent.Trim();
}
