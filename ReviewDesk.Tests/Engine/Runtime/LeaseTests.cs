using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class LeaseTests
{
    [Fact]
    public async Task WorkClaimedByADeadWorker_IsPickedUpAfterItsLeaseExpires()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        var log = new ExecutionLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        string instanceId;
        await using (var idle = await RuntimeHost.StartAsync(database, log, time, worker: false))
        {
            await idle.PublishAsync(Line("lease", Node("a", "Record"), Node("b", "Record")));
            instanceId = (await idle.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "lease", BusinessKey = "L-1" }, ct)).InstanceId;
            // A worker that claims the first step and dies before it commits anything.
            var claimed = await idle.Services.GetRequiredService<WorkflowStore>().ClaimAsync("dead-worker", 10, ct);
            Assert.Single(claimed);
        }

        await using var survivor = await RuntimeHost.StartAsync(database, log, time, name: "survivor");
        time.Advance(TimeSpan.FromSeconds(6));
        await survivor.WaitForStatusAsync(instanceId, WorkflowStatus.Completed);

        Assert.All(await survivor.Queries.GetExecutionsAsync(instanceId, ct), e => Assert.Equal("survivor", e.Worker));
        Assert.Equal(1, log.Count(instanceId, "a"));
    }

    [Fact]
    public async Task ActivityRunningLongerThanTheLease_KeepsItByHeartbeat_AndRunsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        var log = new ExecutionLog();
        // The activity takes more than twice the lease; only heartbeats (every third of the lease) keep it.
        // The lease still leaves a loaded CI machine a second of slack between heartbeats.
        var shortLease = new Dictionary<string, string?> { ["Workflows:Worker:LeaseDuration"] = "00:00:01.500" };
        await using var first = await RuntimeHost.StartAsync(database, log, name: "first", settings: shortLease);
        await first.PublishAsync(Line("long", Node("slow", "Sleep", new() { ["milliseconds"] = 4000 }), Node("after", "Record")));
        var started = await first.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "long", BusinessKey = "L-2" }, ct);
        await using var second = await RuntimeHost.StartAsync(database, log, name: "second", settings: shortLease);

        await first.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(1, log.Count(started.InstanceId, "slow"));
    }

    [Fact]
    public async Task ClaimThatWaitedForAnotherProcessesWriteLock_LeasesFromWhenItGotTheLock()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite);  // SQLite's write lock, held by another connection: SQLite only.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var host = await RuntimeHost.StartAsync(database, time: time, worker: false);
        await host.PublishAsync(Line("locked", Node("a", "Record")));
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "locked", BusinessKey = "L-3" }, ct);
        var store = host.Services.GetRequiredService<WorkflowStore>();

        // Another process holds SQLite's write lock while this one queues a claim; the claim's
        // BEGIN IMMEDIATE waits (busy timeout) until the other process commits, longer than a lease.
        await using var other = new SqliteConnection(database.ConnectionString);
        await other.OpenAsync(ct);
        Task<List<ClaimedWork>> claimed;
        await using (var lockHolder = (SqliteTransaction)await other.BeginTransactionAsync(ct))
        {
            // A deferred transaction takes the write lock with its first write.
            await using (var write = new SqliteCommand("""UPDATE "WorkItems" SET "DueAt" = "DueAt" WHERE 0""", other, lockHolder))
            {
                await write.ExecuteNonQueryAsync(ct);
            }

            claimed = store.ClaimAsync("waiting-worker", 10, ct);
            await Task.Delay(500, ct);
            Assert.False(claimed.IsCompleted);
            time.Advance(store.LeaseDuration + TimeSpan.FromSeconds(1));
            await lockHolder.CommitAsync(ct);
        }

        var work = Assert.Single(await claimed);

        // The lease runs from when the claim got the lock: no other worker can take the item it is about to run.
        await using (var read = new SqliteCommand("""SELECT "LeaseUntil" FROM "WorkItems" WHERE "Id" = $id""", other))
        {
            read.Parameters.AddWithValue("$id", work.Id);
            Assert.Equal((time.GetUtcNow() + store.LeaseDuration).ToUnixTimeMilliseconds(), (long)(await read.ExecuteScalarAsync(ct))!);
        }

        Assert.Empty(await store.ClaimAsync("other-worker", 10, ct));
    }
}
