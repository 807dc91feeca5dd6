using System.Text.Json.Nodes;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class ExecutionTests : RuntimeTestBase
{
    [Fact]
    public async Task StartAsync_SameBusinessKeyTwice_ReturnsTheExistingInstance()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("once", Node("a", "Record")));

        var first = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "once", BusinessKey = "T-1" }, ct);
        var second = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "once", BusinessKey = "T-1" }, ct);
        await Host.WaitForStatusAsync(first.InstanceId, WorkflowStatus.Completed);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Equal(1, (await Host.Queries.ListInstancesAsync(new InstanceFilter { BusinessKey = "T-1" }, 1, 10, ct)).Total);
        Assert.Equal(1, Log.Count(first.InstanceId, "a"));
    }

    [Fact]
    public async Task RunningAFlow_JournalsEveryStepInOrderAndCheckpointsEachResult()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("line", Node("a", "Record", new() { ["variable"] = "first" }), Node("b", "Record"), Node("c", "SetVariable", new() { ["name"] = "x", ["value"] = 42 })));

        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "line", BusinessKey = "T-2", Input = new JsonObject { ["subject"] = "hello" } }, ct);
        var done = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);
        var journal = await Host.Queries.GetJournalAsync(started.InstanceId, ct);
        var executions = await Host.Queries.GetExecutionsAsync(started.InstanceId, ct);

        Assert.Equal(
            ["WorkflowStarted", "ActivityScheduled", "ActivityStarted", "ActivityCompleted", "ActivityScheduled", "ActivityStarted", "ActivityCompleted",
             "ActivityScheduled", "ActivityStarted", "ActivityCompleted", "WorkflowCompleted"],
            journal.Select(j => j.Type));
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
        Assert.Equal(["a", "b", "c"], executions.Select(e => e.NodeId));
        Assert.All(executions, e => Assert.Equal("Completed", e.Status));
        Assert.Equal("a", done.Variables["first"]!.GetValue<string>());
        Assert.Equal(42, done.Variables["x"]!.GetValue<int>());
        Assert.Equal("b", done.Outputs["b"]!["ran"]!.GetValue<string>());
        Assert.NotNull(done.FinishedAt);
    }

    [Fact]
    public async Task CancelAsync_SuspendedInstance_IsCancelledAndLaterResumesAreRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("cancel", Node("w", "WaitForSignal", new() { ["kind"] = "go" }), Node("after", "Record")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "cancel", BusinessKey = "T-3" }, ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);

        var cancelled = await Host.Runtime.CancelAsync(started.InstanceId, "operator", "customer withdrew", ct);
        var again = await Host.Runtime.CancelAsync(started.InstanceId, "operator", null, ct);
        var resume = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "late", InstanceId = started.InstanceId, Kind = "go" }, cancellationToken: ct);

        Assert.True(cancelled.Succeeded);
        Assert.False(again.Succeeded);
        Assert.Equal("the instance is already cancelled", again.Error);
        Assert.Equal(ResumeOutcome.Rejected, resume.Outcome);
        Assert.Contains("cancelled", resume.Message, StringComparison.Ordinal);
        Assert.Empty(await Host.Queries.GetBookmarksAsync(started.InstanceId, ct));
        Assert.Equal("WorkflowCancelled", (await Host.Queries.GetJournalAsync(started.InstanceId, ct))[^1].Type);
        Assert.Equal(0, Log.Count(started.InstanceId, "after"));
    }

    [Fact]
    public async Task CancelAsync_RunningActivity_StopsItAndNothingIsCommittedAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("hang", Node("h", "Hang"), Node("after", "Record")));
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "hang", BusinessKey = "T-4" }, ct);
        await WaitUntilAsync(async () => (await Host.Queries.GetInstanceAsync(started.InstanceId, ct))!.CurrentNodeId == "h");

        await Host.Runtime.CancelAsync(started.InstanceId, "operator", null, ct);
        var instance = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Cancelled);

        Assert.Empty(await Host.Queries.GetExecutionsAsync(started.InstanceId, ct));
        Assert.Equal(0, Log.Count(started.InstanceId, "after"));
        Assert.Equal(WorkflowStatus.Cancelled, instance.Status);
    }

    [Fact]
    public async Task ListAndCount_FilterByStatusDefinitionKeyAndDate_Paged()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("quick", Node("a", "NoOp")));
        await Host.PublishAsync(Line("waits", Node("w", "WaitForSignal", new() { ["kind"] = "go" })));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "quick", BusinessKey = $"Q-{i}" }, ct)).InstanceId);
        for (var i = 0; i < 3; i++) ids.Add((await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "waits", BusinessKey = $"W-{i}" }, ct)).InstanceId);
        foreach (var id in ids.Take(5)) await Host.WaitForStatusAsync(id, WorkflowStatus.Completed);
        foreach (var id in ids.Skip(5)) await Host.WaitForStatusAsync(id, WorkflowStatus.Suspended);

        var counts = await Host.Queries.CountByStatusAsync(null, ct);
        var page = await Host.Queries.ListInstancesAsync(new InstanceFilter { DefinitionId = "quick" }, page: 2, pageSize: 2, ct);
        var suspended = await Host.Queries.ListInstancesAsync(new InstanceFilter { Status = WorkflowStatus.Suspended }, 1, 50, ct);
        var future = await Host.Queries.ListInstancesAsync(new InstanceFilter { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(1) }, 1, 50, ct);
        var recent = await Host.Queries.ListInstancesAsync(new InstanceFilter { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(-5), CreatedTo = DateTimeOffset.UtcNow.AddMinutes(1) }, 1, 50, ct);

        Assert.Equal(5, counts[WorkflowStatus.Completed]);
        Assert.Equal(3, counts[WorkflowStatus.Suspended]);
        Assert.Equal(0, counts[WorkflowStatus.Faulted]);
        Assert.Equal(5, page.Total);
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(["W-0", "W-1", "W-2"], suspended.Items.Select(i => i.BusinessKey).Order());
        Assert.Equal(0, future.Total);
        Assert.Equal(8, recent.Total);
    }

    [Fact]
    public async Task Events_ArePublishedForChangesBookmarksResumesAndIncidents()
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new System.Collections.Concurrent.ConcurrentQueue<WorkflowEvent>();
        using var subscription = Host.Events.Subscribe(seen.Enqueue);
        await Host.PublishAsync(Line("events", Node("w", "WaitForSignal", new() { ["kind"] = "go" }),
            Node("f", "Flaky", new() { ["failures"] = 5 }, new() { MaximumAttempts = 1 })));

        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "events", BusinessKey = "E-1" }, ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);
        await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "e1", InstanceId = started.InstanceId, Kind = "go", Actor = "alice" }, cancellationToken: ct);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Faulted);

        Assert.Contains(seen, e => e is InstanceChanged { Status: WorkflowStatus.Running } && e.InstanceId == started.InstanceId);
        Assert.Contains(seen, e => e is BookmarkCreated { Kind: "go", NodeId: "w" });
        Assert.Contains(seen, e => e is BookmarkResumed { Kind: "go", Actor: "alice" });
        Assert.Contains(seen, e => e is IncidentRecorded { NodeId: "f", ErrorKind: "Transient" });
        Assert.Contains(seen, e => e is InstanceChanged { Status: WorkflowStatus.Faulted, BusinessKey: "E-1" });
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, "the condition");
}
