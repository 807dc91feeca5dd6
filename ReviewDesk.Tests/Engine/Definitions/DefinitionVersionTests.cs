using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Definitions;

public sealed class DefinitionVersionTests : RuntimeTestBase
{
    [Fact]
    public async Task PublishAsync_InvalidDraft_FailsAndStaysDraft()
    {
        var ct = TestContext.Current.CancellationToken;
        var draft = await Host.Definitions.SaveDraftAsync(Line("bad", Node("a", "Nope")), "admin", ct);

        var result = await Host.Definitions.PublishAsync("bad", draft.Version, "admin", ct);

        Assert.False(result.Succeeded);
        Assert.Equal("a", Assert.Single(result.Errors).NodeId);
        Assert.Equal(DefinitionStatus.Draft, Assert.Single(await Host.Definitions.ListVersionsAsync("bad", ct)).Status);
    }

    [Fact]
    public async Task SaveDraftAsync_AfterPublish_CreatesNextVersionAndLeavesPublishedUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var v1 = await Host.PublishAsync(Line("flow", Node("a", "Record")));

        var draft = await Host.Definitions.SaveDraftAsync(Line("flow", Node("a", "Record"), Node("b", "Record")), "admin", ct);
        var again = await Host.Definitions.PublishAsync("flow", v1.Version, "admin", ct);

        Assert.Equal(2, draft.Version);
        Assert.False(again.Succeeded);
        Assert.Single((await Host.Definitions.GetAsync("flow", 1, ct))!.Nodes);
    }

    [Fact]
    public async Task StartAsync_InstancesStayPinnedToTheirVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.PublishAsync(Line("pinned", Node("wait", "WaitForSignal", new() { ["kind"] = "go" }), Node("one", "Record")));
        var old = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pinned", BusinessKey = "T-old" }, ct);
        await Host.WaitForStatusAsync(old.InstanceId, WorkflowStatus.Suspended);

        await Host.PublishAsync(Line("pinned", Node("wait", "WaitForSignal", new() { ["kind"] = "go" }), Node("one", "Record"), Node("two", "Record")));
        var fresh = await Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pinned", BusinessKey = "T-new" }, ct);
        await Host.WaitForStatusAsync(fresh.InstanceId, WorkflowStatus.Suspended);
        await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "r-old", InstanceId = old.InstanceId, Kind = "go" }, waitForSettled: true, ct);
        await Host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "r-new", InstanceId = fresh.InstanceId, Kind = "go" }, waitForSettled: true, ct);

        Assert.Equal(1, (await Host.Queries.GetInstanceAsync(old.InstanceId, ct))!.DefinitionVersion);
        Assert.Equal(0, Log.Count(old.InstanceId, "two"));
        Assert.Equal(2, (await Host.Queries.GetInstanceAsync(fresh.InstanceId, ct))!.DefinitionVersion);
        Assert.Equal(1, Log.Count(fresh.InstanceId, "two"));
    }

    [Fact]
    public async Task RetractAsync_NoNewInstancesStartOnTheRetractedVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var v1 = await Host.PublishAsync(Line("retired", Node("a", "NoOp")));

        Assert.True(await Host.Definitions.RetractAsync("retired", v1.Version, ct));
        var ex = await Assert.ThrowsAsync<WorkflowRequestException>(() =>
            Host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "retired", BusinessKey = "T-1" }, ct));

        Assert.Contains("has no published version", ex.Message, StringComparison.Ordinal);
    }
}
