using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Triage;

/// <summary>
/// Issue 12 item 3: a database that already has support-triage gets the shipped cascade as a new published version at
/// the next start, when its newest version is still one the system installed; a version a person saved is left alone.
/// </summary>
public sealed class ShippedDefinitionUpgradeTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartOnADatabaseWithTheOldShippedVersion_PublishesTheCascadeAsTheNextVersion_BySystem()
    {
        int oldVersion;
        await using (var first = await StartAsync())
        {
            // The support-triage of the previous release: one Classify, no cascade, installed by the system.
            oldVersion = await PublishAsync(first, PreCascade(await LatestAsync(first)), TriageDefinitionInstaller.SystemAuthor);
        }

        await using var second = await StartAsync();
        var store = second.Services.GetRequiredService<WorkflowDefinitionStore>();
        var newest = (await store.ListVersionsAsync(TriageDefinitions.DefaultDefinitionId, Ct))[0];
        Assert.Equal(oldVersion + 1, newest.Version);
        Assert.Equal(DefinitionStatus.Published, newest.Status);
        Assert.Equal(TriageDefinitionInstaller.SystemAuthor, newest.Author);
        var latest = await LatestAsync(second);
        Assert.Equal(["classify", "classify-semantic", "classify-llm"], latest.Nodes.Where(n => n.Type == "Classify").Select(n => n.Id));
        Assert.Equal("classify-semantic", latest.NextNodeId("classify", "Unsure"));

        // A third start finds the shipped document in place: no further version.
        await second.DisposeAsync();
        await using var third = await StartAsync();
        Assert.Equal(newest.Version, (await third.Services.GetRequiredService<WorkflowDefinitionStore>().ListVersionsAsync(TriageDefinitions.DefaultDefinitionId, Ct))[0].Version);
    }

    [Fact]
    public async Task StartOnADatabaseWhereAnAdminSavedTheNewestVersion_LeavesItAlone()
    {
        int adminVersion;
        await using (var first = await StartAsync())
        {
            adminVersion = await PublishAsync(first, PreCascade(await LatestAsync(first)), "admin@example.test");
        }

        await using var second = await StartAsync();
        var newest = (await second.Services.GetRequiredService<WorkflowDefinitionStore>().ListVersionsAsync(TriageDefinitions.DefaultDefinitionId, Ct))[0];
        Assert.Equal(adminVersion, newest.Version);
        Assert.Equal("admin@example.test", newest.Author);
        Assert.Null((await LatestAsync(second)).FindNode("classify-semantic"));
    }

    public void Dispose() => _database.Dispose();

    private Task<TriageHost> StartAsync() => TriageHost.StartAsync(_database, aiEndpoint: null, local: new KeywordClassifierSource());

    private static async Task<WorkflowDefinition> LatestAsync(TriageHost host) =>
        (await host.Services.GetRequiredService<WorkflowDefinitionStore>().GetLatestPublishedAsync(TriageDefinitions.DefaultDefinitionId, Ct))!;

    private static async Task<int> PublishAsync(TriageHost host, WorkflowDefinition definition, string author)
    {
        var result = await host.Services.GetRequiredService<WorkflowDefinitionStore>().SaveAndPublishAsync(definition, author, Ct);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Version!.Version;
    }

    private static WorkflowDefinition PreCascade(WorkflowDefinition shipped) => shipped with
    {
        Nodes = [.. shipped.Nodes.Where(n => n.Id is not "classify-semantic" and not "classify-llm")
            .Select(n => n.Id == "classify" ? n with { Settings = new JsonObject { ["fallbackToLocal"] = true } } : n)],
        Connections = [.. shipped.Connections.Where(c => c.From is not "classify-semantic" and not "classify-llm" && c.To is not "classify-semantic")],
    };
}
