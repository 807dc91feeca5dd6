using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Engine.Telemetry;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Telemetry;

/// <summary>The engine's metrics after a known workload: names, units, tags and values.</summary>
public sealed class EngineMetricsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task AKnownWorkload_CountsStartsEndsStepsRetriesIncidentsAndCommits()
    {
        await using var host = await RuntimeHost.StartAsync(_database);
        var metrics = host.Services.GetRequiredService<EngineMetrics>();
        using var capture = new MetricCapture(metrics.Meter);
        var before = await CommitsSoFarAsync(host, capture);

        await host.PublishAsync(Line("pair", Node("a", "NoOp"), Node("b", "NoOp")));
        await host.PublishAsync(Line("broken", Node("f", "Flaky", new() { ["failures"] = 9, ["kind"] = "Boom" },
            new RetryPolicySettings { MaximumAttempts = 2, InitialInterval = TimeSpan.FromMilliseconds(10) })));
        await host.PublishAsync(Line("waiting", Node("w", "WaitForSignal", new() { ["kind"] = "go" }), Node("after", "NoOp")));
        string[] pairs = ["P-1", "P-2", "P-3"];
        foreach (var key in pairs)
        {
            var started = await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = key }, Ct);
            await host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        }

        // A second start with the same business key starts nothing.
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "P-1" }, Ct);
        var broken = await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "broken", BusinessKey = "B-1" }, Ct);
        await host.WaitForStatusAsync(broken.InstanceId, WorkflowStatus.Faulted);
        var waiting = await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "waiting", BusinessKey = "W-1" }, Ct);
        await host.WaitForStatusAsync(waiting.InstanceId, WorkflowStatus.Suspended);
        await host.Runtime.CancelAsync(waiting.InstanceId, "operator", "test", Ct);
        // Counters are added right after the commit that made them true: wait for the last of them.
        await Eventually.HoldsAsync(() => capture.Sum(EngineMetrics.WorkflowFaulted) == 1 && capture.Sum(EngineMetrics.WorkflowCancelled) == 1,
            "the fault and the cancel to be counted");

        Assert.Equal(3, capture.Sum(EngineMetrics.WorkflowStarted, (EngineMetricTags.DefinitionId, "pair")));
        Assert.Equal(5, capture.Sum(EngineMetrics.WorkflowStarted));
        Assert.Equal(3, capture.Sum(EngineMetrics.WorkflowCompleted, (EngineMetricTags.DefinitionId, "pair")));
        Assert.Equal(3, capture.Sum(EngineMetrics.WorkflowCompleted));
        Assert.Equal(1, capture.Sum(EngineMetrics.WorkflowFaulted, (EngineMetricTags.DefinitionId, "broken")));
        Assert.Equal(1, capture.Sum(EngineMetrics.WorkflowCancelled, (EngineMetricTags.DefinitionId, "waiting")));

        // One duration per committed step: 6 NoOp steps, 2 failed Flaky attempts, the wait's suspension.
        var steps = capture.Of(EngineMetrics.StepDuration);
        Assert.Equal(6, steps.Count(m => Equals(m.Tags[EngineMetricTags.ActivityType], "NoOp") && Equals(m.Tags[EngineMetricTags.Outcome], "Done")));
        Assert.Equal(2, steps.Count(m => Equals(m.Tags[EngineMetricTags.ActivityType], "Flaky") && Equals(m.Tags[EngineMetricTags.Outcome], "Failed")));
        Assert.Equal(1, steps.Count(m => Equals(m.Tags[EngineMetricTags.ActivityType], "WaitForSignal") && Equals(m.Tags[EngineMetricTags.Outcome], "Suspended")));
        Assert.Equal(9, steps.Count);
        Assert.All(steps, m => Assert.True(m.Value >= 0));
        Assert.Equal(1, capture.Sum(EngineMetrics.StepRetries, (EngineMetricTags.ActivityType, "Flaky"), (EngineMetricTags.ErrorType, "Boom")));
        Assert.Equal(1, capture.Sum(EngineMetrics.Incidents, (EngineMetricTags.ActivityType, "Flaky"), (EngineMetricTags.ErrorType, "Boom")));

        // Every commit of the writer is measured: as many batch sizes and durations as commits, the sizes summing to the
        // operations committed. Both sides are read on the writer itself, between two of its batches, where every earlier
        // commit has been counted and measured (it goes on committing on its own, so reads from here could straddle one).
        var after = await CommitsSoFarAsync(host, capture);
        Assert.Equal(after.Counted - before.Counted, new WriteStatistics(after.Sizes.Count - before.Sizes.Count, (long)(after.Sizes.Sum - before.Sizes.Sum)));
        Assert.Equal(after.Counted.Commits - before.Counted.Commits, after.Durations - before.Durations);
        Assert.True(after.Counted.Commits - before.Counted.Commits > 0);

        Assert.Equal(
            [("reviewdesk.commit.batch_size", "{operation}"), ("reviewdesk.commit.duration", "s"), ("reviewdesk.incidents", "{incident}"),
             ("reviewdesk.step.duration", "s"), ("reviewdesk.step.retries", "{retry}"), ("reviewdesk.work_items.due", "{work_item}"),
             ("reviewdesk.work_items.oldest_due_age", "s"), ("reviewdesk.workflow.cancelled", "{workflow}"), ("reviewdesk.workflow.completed", "{workflow}"),
             ("reviewdesk.workflow.faulted", "{workflow}"), ("reviewdesk.workflow.started", "{workflow}")],
            capture.Instruments.Values.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => (i.Name, i.Unit)));
    }

    /// <summary>The writer's counts and the commit measurements so far, read together inside one of its batches.</summary>
    private static Task<(WriteStatistics Counted, (int Count, double Sum) Sizes, int Durations)> CommitsSoFarAsync(RuntimeHost host, MetricCapture capture) =>
        host.Runtime.WriteAsync(_ =>
        {
            var sizes = capture.Of(EngineMetrics.CommitBatchSize);
            return (host.Runtime.WriteStatistics, (sizes.Count, sizes.Sum(m => m.Value)), capture.Of(EngineMetrics.CommitDuration).Count);
        }, Ct);

    [Fact]
    public async Task DueWorkGauges_CountUnclaimedDueWork_AndTheOldestAge_ReadAtMostOncePerInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await RuntimeHost.StartAsync(_database, time: time, worker: false,
            settings: new Dictionary<string, string?> { ["Workflows:Metrics:GaugeRefreshInterval"] = "00:00:30" });
        using var capture = new MetricCapture(host.Services.GetRequiredService<EngineMetrics>().Meter);
        await host.PublishAsync(Line("pair", Node("a", "NoOp"), Node("b", "NoOp")));

        Assert.Equal(0, capture.Observe(EngineMetrics.DueWorkItems));
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "D-1" }, Ct);
        time.Advance(TimeSpan.FromSeconds(20));
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "D-2" }, Ct);

        // Within the interval the last reading stands: the database is not asked on every collection.
        Assert.Equal(0, capture.Observe(EngineMetrics.DueWorkItems));
        time.Advance(TimeSpan.FromSeconds(70));
        Assert.Equal(2, capture.Observe(EngineMetrics.DueWorkItems));
        Assert.Equal(90, capture.Observe(EngineMetrics.OldestDueAge));
    }

    [Fact]
    public async Task DueWorkSql_CountsDueUnleasedWork_ALiveLeaseHidesAnItem_ALapsedOneDoesNot_SyncAndAsyncAgree()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await RuntimeHost.StartAsync(_database, time: time, worker: false);
        await host.PublishAsync(Line("pair", Node("a", "NoOp"), Node("b", "NoOp")));
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "Q-1" }, Ct);
        time.Advance(TimeSpan.FromSeconds(30));
        await host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pair", BusinessKey = "Q-2" }, Ct);
        time.Advance(TimeSpan.FromSeconds(10));
        await using var connection = await _database.OpenAsync(Ct);

        var both = await DueWorkSql.ReadAsync(connection, _database.Dialect, time.GetUtcNow(), Ct);
        Assert.Equal(new DueWorkReading(2, TimeSpan.FromSeconds(40)), both);
        Assert.Equal(both, DueWorkSql.Read(connection, _database.Dialect, time.GetUtcNow()));

        // A worker holds the older item until a minute from now: only the newer one is due, and the age is its own.
        var leaseUntil = time.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds();
        await using (var lease = _database.Dialect.CreateCommand(connection,
            """UPDATE "WorkItems" SET "LeaseUntil" = $1 WHERE "DueAt" = (SELECT MIN("DueAt") FROM "WorkItems")""", leaseUntil))
        {
            Assert.Equal(1, await lease.ExecuteNonQueryAsync(Ct));
        }

        Assert.Equal(new DueWorkReading(1, TimeSpan.FromSeconds(10)), await DueWorkSql.ReadAsync(connection, _database.Dialect, time.GetUtcNow(), Ct));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new DueWorkReading(2, TimeSpan.FromSeconds(160)), DueWorkSql.Read(connection, _database.Dialect, time.GetUtcNow()));
        Assert.Equal(DueWorkReading.None, DueWorkSql.Read(connection, _database.Dialect, time.GetUtcNow().AddHours(-1)));
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
