using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class TimerTests : RuntimeTestBase
{
    private readonly FakeTimeProvider _time;

    public TimerTests()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)))
    {
    }

    private TimerTests(FakeTimeProvider time)
        : base(time) => _time = time;

    [Fact]
    public async Task BookmarkDeadline_FiresAfterARestart_AndTakesTheTimedOutOutcome()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("deadline", Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "1.00:00:00" }), Node("route", "Record"))
            .With(Connect("review", "TimedOut", "escalate")) with
        {
            Nodes = [Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "1.00:00:00" }), Node("route", "Record"), Node("escalate", "Record")],
        });
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "deadline", BusinessKey = "D-1" }, ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);
        var bookmark = Assert.Single(await Host.Queries.GetBookmarksAsync(started.InstanceId, ct));

        await Host.DisposeAsync();
        _time.Advance(TimeSpan.FromDays(3));
        Host = await RuntimeHost.StartAsync(Database, Log, _time, name: "restarted");
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), bookmark.Deadline);
        Assert.Equal(1, Log.Count(started.InstanceId, "escalate"));
        Assert.Equal(0, Log.Count(started.InstanceId, "route"));
        var journal = await Host.Queries.GetJournalAsync(started.InstanceId, ct);
        Assert.Contains(journal, j => j.Type == JournalTypes.TimerFired && j.Actor == "restarted");
        Assert.Empty(await Host.Queries.GetBookmarksAsync(started.InstanceId, ct));
    }

    [Fact]
    public async Task BookmarkDeadline_NotYetDue_DoesNotFire_AndAResumeCancelsTheTimer()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("race", Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "01:00:00" }), Node("route", "Record")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "race", BusinessKey = "D-2" }, ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        _time.Advance(TimeSpan.FromMinutes(59));
        var result = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "d2", InstanceId = started.InstanceId, Kind = "approval" }, waitForSettled: true, ct);
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(WorkflowStatus.Completed, result.Instance!.Status);
        Assert.Equal("Resumed", Assert.Single(await Host.Queries.GetExecutionsAsync(started.InstanceId, ct), e => e.NodeId == "review" && e.Status == "Completed").Outcome);
        Assert.Empty(await Host.Queries.GetScheduledWorkAsync(started.InstanceId, ct));
        Assert.DoesNotContain(await Host.Queries.GetJournalAsync(started.InstanceId, ct), j => j.Type == JournalTypes.TimerFired);
    }

    [Fact]
    public async Task DelayActivity_WaitsForItsDurationOnADurableTimer()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("delay", Node("wait", "Delay", new() { ["duration"] = "00:10:00" }), Node("after", "Record")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "delay", BusinessKey = "D-3" }, ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        _time.Advance(TimeSpan.FromMinutes(10));
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        var executions = await Host.Queries.GetExecutionsAsync(started.InstanceId, ct);
        Assert.Equal(TimeSpan.FromMinutes(10), executions.Single(e => e.NodeId == "after").StartedAt - executions.First(e => e.NodeId == "wait").StartedAt);
    }

    [Fact]
    public async Task RetentionPass_WithNothingOldEnough_WritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("short-lived", Node("a", "NoOp")));
        var done = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "short-lived", BusinessKey = "P-young" }, ct);
        await Host.WaitForStatusAsync(done.InstanceId, WorkflowStatus.Completed);
        var before = Host.Runtime.WriteStatistics;

        Assert.Equal(0, await Host.Services.GetRequiredService<RetentionService>().PurgeOnceAsync(ct));

        Assert.Equal(new WriteStatistics(0, 0), Host.Runtime.WriteStatistics - before);
        Assert.NotNull(await Host.Queries.GetInstanceAsync(done.InstanceId, ct));
    }

    [Fact]
    public async Task RetentionJob_RemovesOldFinishedInstancesWithTheirJournals_AndKeepsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("short", Node("a", "NoOp")));
        await Host.PublishAsync(Line("long", Node("w", "WaitForSignal", new() { ["kind"] = "go" })));
        var old = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "short", BusinessKey = "P-old" }, ct);
        var waiting = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "long", BusinessKey = "P-wait" }, ct);
        await Host.WaitForStatusAsync(old.InstanceId, WorkflowStatus.Completed);
        await Host.WaitForStatusAsync(waiting.InstanceId, WorkflowStatus.Suspended);
        _time.Advance(TimeSpan.FromDays(60));
        var recent = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "short", BusinessKey = "P-new" }, ct);
        await Host.WaitForStatusAsync(recent.InstanceId, WorkflowStatus.Completed);
        _time.Advance(TimeSpan.FromDays(31));

        // The background job's timer runs on the injected clock; moving it past the interval makes it purge.
        await Eventually.HoldsAsync(async () => await Host.Queries.GetInstanceAsync(old.InstanceId, ct) is null, "the retention job to purge the old instance");

        Assert.Equal(0, await Host.Services.GetRequiredService<RetentionService>().PurgeOnceAsync(ct));
        Assert.Empty(await Host.Queries.GetJournalAsync(old.InstanceId, ct));
        Assert.NotNull(await Host.Queries.GetInstanceAsync(waiting.InstanceId, ct));
        Assert.NotEmpty(await Host.Queries.GetJournalAsync(recent.InstanceId, ct));
    }
}
