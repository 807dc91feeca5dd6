using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Components.Pages;
using ReviewDesk.Web.Hosting;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Web.Components;

public sealed class HomeTests : BunitTestContext
{
    private readonly TestDatabase _database = new();

    public HomeTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:ReviewDesk"] = _database.ConnectionString })
            .Build();
        Services.AddLogging();
        Services.AddReviewDeskWorkflows(configuration);
        Services.AddSingleton(new SystemInfo("Staging", "PostgreSQL", "1.2.3 (abc1234)"));
    }

    [Fact]
    public async Task Render_WithSystemInfo_ShowsSystemCard()
    {
        await MigrateAsync();

        var cut = Render<Home>();

        var card = cut.Find("[data-testid=system-card]");
        Assert.Contains("System", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("Staging", cut.Find("[data-testid=system-environment]").TextContent);
        Assert.Equal("PostgreSQL", cut.Find("[data-testid=system-database-provider]").TextContent);
        Assert.Equal("1.2.3 (abc1234)", cut.Find("[data-testid=system-version]").TextContent);
    }

    [Fact]
    public async Task Render_WithInstancesInTheDatabase_ShowsTheirCountsByStatus()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        await MigrateAsync();
        var published = await Services.GetRequiredService<WorkflowDefinitionStore>().SaveAndPublishAsync(
            Flows.Line("home", Flows.Node("a", "NoOp")), "test", ct);
        Assert.True(published.Succeeded);
        var runtime = Services.GetRequiredService<WorkflowRuntime>();
        await runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "home", BusinessKey = "H-1" }, ct);
        var second = await runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "home", BusinessKey = "H-2" }, ct);
        await runtime.CancelAsync(second.InstanceId, "test", cancellationToken: ct);

        var cut = Render<Home>();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Equal("1", cut.Find("[data-testid=workflow-count-running]").TextContent);
            Assert.Equal("1", cut.Find("[data-testid=workflow-count-cancelled]").TextContent);
            Assert.Equal("0", cut.Find("[data-testid=workflow-count-completed]").TextContent);
        });
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database.Dispose();
    }

    private async Task MigrateAsync()
    {
        foreach (var set in Services.GetServices<MigrationSet>())
        {
            await using var db = await set.CreateContextAsync(Xunit.TestContext.Current.CancellationToken);
            await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        }
    }
}
