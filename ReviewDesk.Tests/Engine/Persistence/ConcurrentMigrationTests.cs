using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>
/// Several nodes starting at the same moment on one fresh database (a cluster's first start, the two-process crash
/// test): every node migrates or finds the work done, none fails on a migration another applied, and the runtime
/// serves on each. The migrations and the seeding after them run under a start-up lock (DatabaseMigrator): an advisory
/// lock on PostgreSQL, an exclusive lock on a file beside the database on SQLite.
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
    public async Task TriageNodesStartingAtOnce_OnAFreshDatabase_InstallEachShippedDefinitionOnce()
    {
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

    [Fact]
    public async Task SqliteStartupLock_IsHeldUntilTheHostHasStarted_ThenReleased()
    {
        Assert.SkipWhen(_database.IsPostgres, "the lock file is SQLite's");
        var lockFile = ReviewDesk.Engine.Persistence.DatabaseMigrator.SqliteLockFile(_database.ConnectionString)!;
        var ct = TestContext.Current.CancellationToken;

        // Held by this test, a node's start waits for it; released, the node starts and lets it go once started.
        var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var start = Task.Run(() => RuntimeHost.StartAsync(_database, worker: false, name: "waiting", triageTables: true), ct);
        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
        Assert.False(start.IsCompleted, "the node started while another held the start-up lock");
        await held.DisposeAsync();

        await using var host = await start;
        await using var again = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public void SqliteLockFile_IsBesideTheDatabase_AndNoneForAnInMemoryOne()
    {
        Assert.Equal(Path.GetFullPath("data/reviewdesk.db") + "-startup.lock", ReviewDesk.Engine.Persistence.DatabaseMigrator.SqliteLockFile("Data Source=data/reviewdesk.db"));
        Assert.Null(ReviewDesk.Engine.Persistence.DatabaseMigrator.SqliteLockFile("Data Source=:memory:"));
        Assert.Null(ReviewDesk.Engine.Persistence.DatabaseMigrator.SqliteLockFile("Data Source=shared;Mode=Memory;Cache=Shared"));
    }

    public void Dispose() => _database.Dispose();
}
