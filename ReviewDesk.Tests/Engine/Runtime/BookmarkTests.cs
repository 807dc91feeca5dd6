using System.Text.Json.Nodes;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class BookmarkTests : RuntimeTestBase
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.PublishAsync(Line("approval", Node("review", "WaitForSignal", new() { ["kind"] = "approval" }), Node("route", "Record")));
    }

    private async Task<string> StartSuspendedAsync(string key)
    {
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "approval", BusinessKey = key }, TestContext.Current.CancellationToken);
        await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Suspended);
        return started.InstanceId;
    }

    [Fact]
    public async Task ResumeAsync_ByInstanceAndKind_Synchronous_ReturnsTheStateAfterTheResumedWork()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-1");

        var result = await Host.Runtime.ResumeAsync(new ResumeRequest
        {
            RequestId = "req-1", InstanceId = id, Kind = "approval", Actor = "alice",
            Payload = new JsonObject { ["action"] = "approve", ["comment"] = "call me at +44 20 7946 0958" },
        }, waitForSettled: true, ct);

        Assert.Equal(ResumeOutcome.Delivered, result.Outcome);
        Assert.False(result.Duplicate);
        Assert.Equal(WorkflowStatus.Completed, result.Instance!.Status);
        Assert.Equal("approve", result.Instance.Outputs["review"]!["action"]!.GetValue<string>());
        var resumed = (await Host.Queries.GetJournalAsync(id, ct)).Single(j => j.Type == JournalTypes.Resumed);
        Assert.Equal("alice", resumed.Actor);
        Assert.Contains("payload {action=approve, comment}", resumed.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("7946", resumed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeAsync_ByBookmarkId_Delivers()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-2");
        var bookmark = Assert.Single(await Host.Queries.GetBookmarksAsync(id, ct));

        var result = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-2", BookmarkId = bookmark.Id }, waitForSettled: true, ct);

        Assert.Equal(ResumeOutcome.Delivered, result.Outcome);
        Assert.Equal(bookmark.Id, result.BookmarkId);
        Assert.Equal(WorkflowStatus.Completed, result.Instance!.Status);
    }

    [Fact]
    public async Task ResumeAsync_ByBusinessKey_Delivers()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-3");

        var result = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-3", BusinessKey = "B-3", Kind = "approval" }, waitForSettled: true, ct);

        Assert.Equal(id, result.InstanceId);
        Assert.Equal(WorkflowStatus.Completed, result.Instance!.Status);
    }

    [Fact]
    public async Task ResumeAsync_RepeatedRequestId_IsANoOpReturningTheFirstResult()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-4");
        var request = new ResumeRequest { RequestId = "req-4", InstanceId = id, Kind = "approval" };

        var first = await Host.Runtime.ResumeAsync(request, waitForSettled: true, ct);
        var second = await Host.Runtime.ResumeAsync(request with { Payload = new JsonObject { ["action"] = "reject" } }, waitForSettled: true, ct);

        Assert.Equal((ResumeOutcome.Delivered, false), (first.Outcome, first.Duplicate));
        Assert.Equal((ResumeOutcome.Delivered, true), (second.Outcome, second.Duplicate));
        Assert.Equal(first.BookmarkId, second.BookmarkId);
        Assert.Equal(1, Log.Count(id, "route"));
        Assert.Single(await Host.Queries.GetJournalAsync(id, ct), j => j.Type == JournalTypes.Resumed);
    }

    [Fact]
    public async Task ResumeAsync_BeforeTheBookmarkExists_IsKeptAndDeliveredWhenItAppears()
    {
        var ct = TestContext.Current.CancellationToken;

        var early = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-5", BusinessKey = "B-5", Kind = "approval", Actor = "bob", Payload = new JsonObject { ["action"] = "approve" } }, cancellationToken: ct);
        var started = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "approval", BusinessKey = "B-5" }, ct);
        var done = await Host.WaitForStatusAsync(started.InstanceId, WorkflowStatus.Completed);

        Assert.Equal(ResumeOutcome.Kept, early.Outcome);
        Assert.Null(early.InstanceId);
        Assert.Equal("approve", done.Outputs["review"]!["action"]!.GetValue<string>());
        var journal = await Host.Queries.GetJournalAsync(started.InstanceId, ct);
        Assert.Contains(journal, j => j.Type == JournalTypes.Resumed && j.Actor == "bob" && j.Detail!.Contains("early request req-5", StringComparison.Ordinal));
        Assert.Equal(1, Log.Count(started.InstanceId, "route"));
    }

    [Fact]
    public async Task ResumeAsync_CompletedInstance_IsRejectedWithAClearError()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-6");
        await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-6", InstanceId = id, Kind = "approval" }, waitForSettled: true, ct);

        var late = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-6b", InstanceId = id, Kind = "approval" }, cancellationToken: ct);
        var unknownBookmark = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-6c", BookmarkId = "bm_nope" }, cancellationToken: ct);
        var unknownInstance = await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "req-6d", InstanceId = "wf_nope", Kind = "approval" }, cancellationToken: ct);

        Assert.Equal(ResumeOutcome.Rejected, late.Outcome);
        Assert.Equal("the workflow instance is completed; nothing waits for this resume", late.Message);
        Assert.Equal(ResumeOutcome.Rejected, unknownBookmark.Outcome);
        Assert.Contains("does not exist or was already resumed", unknownBookmark.Message, StringComparison.Ordinal);
        Assert.Equal("no workflow instance wf_nope", unknownInstance.Message);
    }

    [Fact]
    public async Task ResumeAsync_WithoutRequestId_Throws()
    {
        var ex = await Assert.ThrowsAsync<WorkflowRequestException>(() =>
            Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = " ", BusinessKey = "x", Kind = "k" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("a resume needs a request id", ex.Message);
    }

    [Fact]
    public async Task Journal_IsReadableWhileNoWorkerRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await StartSuspendedAsync("B-7");
        await Host.DisposeAsync();

        Host = await RuntimeHost.StartAsync(Database, Log, worker: false);
        var journal = await Host.Queries.GetJournalAsync(id, ct);
        var instance = await Host.Queries.FindByBusinessKeyAsync("B-7", ct);

        Assert.Equal(JournalTypes.Suspended, journal[^1].Type);
        Assert.Equal(WorkflowStatus.Suspended, instance!.Status);
        Assert.Single(await Host.Queries.GetBookmarksAsync(id, ct));
    }
}

public sealed class PayloadSummaryTests
{
    [Fact]
    public void SummarizePayload_NamesFieldsAndShowsOnlyShortLabelsAndNumbers()
    {
        var payload = new JsonObject
        {
            ["action"] = "approve",
            ["priority"] = 2,
            ["urgent"] = true,
            ["comment"] = "please call Jane on +44 20 7946 0958",
            ["decidedAt"] = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
            ["edits"] = new JsonObject { ["category"] = "refund" },
        };

        var summary = WorkflowStore.SummarizePayload(payload);

        Assert.Equal("{action=approve, priority=2, urgent=true, comment, decidedAt, edits}", summary);
    }
}
