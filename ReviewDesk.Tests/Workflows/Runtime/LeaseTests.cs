using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Workflows.Runtime;
using static ReviewDesk.Tests.Workflows.Flows;

namespace ReviewDesk.Tests.Workflows.Runtime;

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
}
