using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>
/// Several nodes starting at the same moment on one fresh database (a cluster's first start, the two-process crash
/// test): every node migrates or finds the work done, none fails on a migration another applied, and the runtime
/// serves on each. On PostgreSQL the migrations run under an advisory lock (DatabaseMigrator).
/// </summary>
public sealed class ConcurrentMigrationTests : IDisposable
{
    private const int Nodes = 4;

    private readonly TestDatabase _database = new();

    [Fact]
    public async Task NodesStartingAtOnce_OnAFreshDatabase_AllStart_AndEachSeesTheSameSchema()
    {
        var starts = Enumerable.Range(0, Nodes)
            .Select(i => Task.Run(() => RuntimeHost.StartAsync(_database, worker: false, name: $"node-{i}", triageTables: true), TestContext.Current.CancellationToken))
            .ToList();
        try
        {
            // WhenAll ends when every start has ended, failed or not.
            var hosts = await Task.WhenAll(starts);

            await hosts[0].PublishAsync(Line("concurrent", Node("a", "NoOp")));
            for (var i = 0; i < Nodes; i++)
            {
                var started = await hosts[i].Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "concurrent", BusinessKey = $"M-{i}" }, TestContext.Current.CancellationToken);
                Assert.NotNull(await hosts[(i + 1) % Nodes].Queries.GetInstanceAsync(started.InstanceId, TestContext.Current.CancellationToken));
            }
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
    }

    [Fact]
    public async Task TriageNodesStartingAtOnce_OnAFreshPostgresDatabase_InstallEachShippedDefinitionOnce()
    {
        // On SQLite several processes on one file are the crash tests' set-up, not a deployment: no start-up lock there.
        Assert.SkipWhen(!_database.IsPostgres, "the start-up lock is PostgreSQL's (several nodes)");
        var starts = Enumerable.Range(0, 3)
            .Select(_ => Task.Run(() => TriageHost.StartAsync(_database, aiEndpoint: null, shippedCascade: true), TestContext.Current.CancellationToken))
            .ToList();
        try
        {
            var hosts = await Task.WhenAll(starts);

            var store = hosts[0].Services.GetRequiredService<WorkflowDefinitionStore>();
            foreach (var shipped in ReviewDesk.Workflows.Triage.TriageDefinitionInstaller.Shipped())
            {
                var versions = await store.ListVersionsAsync(shipped.Id, TestContext.Current.CancellationToken);
                Assert.True(versions.Count == 1, $"{shipped.Id} has {versions.Count} versions after three nodes started at once");
            }
        }
        finally
        {
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully)) await (await start).DisposeAsync();
        }
    }

    public void Dispose() => _database.Dispose();
}
