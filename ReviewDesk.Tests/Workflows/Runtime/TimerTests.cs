using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Workflows.Runtime;
using static ReviewDesk.Tests.Workflows.Flows;

namespace ReviewDesk.Tests.Workflows.Runtime;

public sealed class TimerTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly ExecutionLog _log = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private RuntimeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await RuntimeHost.StartAsync(_database, _log, _time);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task BookmarkDeadline_FiresAfterARestart_AndTakesTheTimedOutOutcome()
    {
        var ct = TestContext.Current.CancellationToken;
        await _host.PublishAsync(Line("deadline", Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "1.00:00:00" }), Node("route", "Record"))
            .With(Connect("review", "TimedOut", "escalate")) with
        {
            Nodes = [Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "1.00:00:00" }), Node("route", "Record"), Node("escalate", "Record")],
        });
        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "deadline", BusinessKey = "D-1" }, ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);
        var bookmark = Assert.Single(await _host.Queries.GetBookmarksAsync(started.InstanceId, ct));

        await _host.DisposeAsync();
        _time.Advance(TimeSpan.FromDays(3));
        _host = await RuntimeHost.StartAsync(_database, _log, _time, name: "restarted");
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero), bookmark.Deadline);
        Assert.Equal(1, _log.Count(started.InstanceId, "escalate"));
        Assert.Equal(0, _log.Count(started.InstanceId, "route"));
        var journal = await _host.Queries.GetJournalAsync(started.InstanceId, ct);
        Assert.Contains(journal, j => j.Type == JournalTypes.TimerFired && j.Actor == "restarted");
        Assert.Empty(await _host.Queries.GetBookmarksAsync(started.InstanceId, ct));
    }

    [Fact]
    public async Task BookmarkDeadline_NotYetDue_DoesNotFire_AndAResumeCancelsTheTimer()
    {
        var ct = TestContext.Current.CancellationToken;
        await _host.PublishAsync(Line("race", Node("review", "WaitForSignal", new() { ["kind"] = "approval", ["timeout"] = "01:00:00" }), Node("route", "Record")));
        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "race", BusinessKey = "D-2" }, ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        _time.Advance(TimeSpan.FromMinutes(59));
        var result = await _host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "d2", InstanceId = started.InstanceId, Kind = "approval" }, waitForSettled: true, ct);
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(WorkflowStatus.Completed, result.Instance!.Status);
        Assert.Equal("Resumed", Assert.Single(await _host.Queries.GetExecutionsAsync(started.InstanceId, ct), e => e.NodeId == "review" && e.Status == "Completed").Outcome);
        Assert.Empty(await _host.Queries.GetScheduledWorkAsync(started.InstanceId, ct));
        Assert.DoesNotContain(await _host.Queries.GetJournalAsync(started.InstanceId, ct), j => j.Type == JournalTypes.TimerFired);
    }

    [Fact]
    public async Task DelayActivity_WaitsForItsDurationOnADurableTimer()
    {
        var ct = TestContext.Current.CancellationToken;
        await _host.PublishAsync(Line("delay", Node("wait", "Delay", new() { ["duration"] = "00:10:00" }), Node("after", "Record")));
        var started = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "delay", BusinessKey = "D-3" }, ct);
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        _time.Advance(TimeSpan.FromMinutes(10));
        await _host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        var executions = await _host.Queries.GetExecutionsAsync(started.InstanceId, ct);
        Assert.Equal(TimeSpan.FromMinutes(10), executions.Single(e => e.NodeId == "after").StartedAt - executions.First(e => e.NodeId == "wait").StartedAt);
    }

    [Fact]
    public async Task RetentionJob_RemovesOldFinishedInstancesWithTheirJournals_AndKeepsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await _host.PublishAsync(Line("short", Node("a", "NoOp")));
        await _host.PublishAsync(Line("long", Node("w", "WaitForSignal", new() { ["kind"] = "go" })));
        var old = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "short", BusinessKey = "P-old" }, ct);
        var waiting = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "long", BusinessKey = "P-wait" }, ct);
        await _host.WaitForStatusAsync(old.InstanceId, WorkflowStatus.Completed);
        await _host.WaitForStatusAsync(waiting.InstanceId, WorkflowStatus.Suspended);
        _time.Advance(TimeSpan.FromDays(60));
        var recent = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "short", BusinessKey = "P-new" }, ct);
        await _host.WaitForStatusAsync(recent.InstanceId, WorkflowStatus.Completed);
        _time.Advance(TimeSpan.FromDays(31));

        // The background job's timer runs on the injected clock; moving it past the interval makes it purge.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _host.Queries.GetInstanceAsync(old.InstanceId, ct) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the retention job did not purge the old instance");
            await Task.Delay(20, ct);
        }

        Assert.Equal(0, await _host.Services.GetRequiredService<RetentionService>().PurgeOnceAsync(ct));
        Assert.Empty(await _host.Queries.GetJournalAsync(old.InstanceId, ct));
        Assert.NotNull(await _host.Queries.GetInstanceAsync(waiting.InstanceId, ct));
        Assert.NotEmpty(await _host.Queries.GetJournalAsync(recent.InstanceId, ct));
    }
}
