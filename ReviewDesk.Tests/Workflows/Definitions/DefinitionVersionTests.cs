using ReviewDesk.Workflows.Definitions;
using ReviewDesk.Workflows.Runtime;
using static ReviewDesk.Tests.Workflows.Flows;

namespace ReviewDesk.Tests.Workflows.Definitions;

public sealed class DefinitionVersionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly ExecutionLog _log = new();
    private RuntimeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await RuntimeHost.StartAsync(_database, _log);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task PublishAsync_InvalidDraft_FailsAndStaysDraft()
    {
        var ct = TestContext.Current.CancellationToken;
        var draft = await _host.Definitions.SaveDraftAsync(Line("bad", Node("a", "Nope")), "admin", ct);

        var result = await _host.Definitions.PublishAsync("bad", draft.Version, "admin", ct);

        Assert.False(result.Succeeded);
        Assert.Equal("a", Assert.Single(result.Errors).NodeId);
        Assert.Equal(DefinitionStatus.Draft, Assert.Single(await _host.Definitions.ListVersionsAsync("bad", ct)).Status);
    }

    [Fact]
    public async Task SaveDraftAsync_AfterPublish_CreatesNextVersionAndLeavesPublishedUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var v1 = await _host.PublishAsync(Line("flow", Node("a", "Record")));

        var draft = await _host.Definitions.SaveDraftAsync(Line("flow", Node("a", "Record"), Node("b", "Record")), "admin", ct);
        var again = await _host.Definitions.PublishAsync("flow", v1.Version, "admin", ct);

        Assert.Equal(2, draft.Version);
        Assert.False(again.Succeeded);
        Assert.Single((await _host.Definitions.GetAsync("flow", 1, ct))!.Nodes);
    }

    [Fact]
    public async Task StartAsync_InstancesStayPinnedToTheirVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        await _host.PublishAsync(Line("pinned", Node("wait", "WaitForSignal", new() { ["kind"] = "go" }), Node("one", "Record")));
        var old = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pinned", BusinessKey = "T-old" }, ct);
        await _host.WaitForStatusAsync(old.InstanceId, WorkflowStatus.Suspended);

        await _host.PublishAsync(Line("pinned", Node("wait", "WaitForSignal", new() { ["kind"] = "go" }), Node("one", "Record"), Node("two", "Record")));
        var fresh = await _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "pinned", BusinessKey = "T-new" }, ct);
        await _host.WaitForStatusAsync(fresh.InstanceId, WorkflowStatus.Suspended);
        await _host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "r-old", InstanceId = old.InstanceId, Kind = "go" }, waitForSettled: true, ct);
        await _host.Runtime.ResumeAsync(new ResumeRequest { RequestId = "r-new", InstanceId = fresh.InstanceId, Kind = "go" }, waitForSettled: true, ct);

        Assert.Equal(1, (await _host.Queries.GetInstanceAsync(old.InstanceId, ct))!.DefinitionVersion);
        Assert.Equal(0, _log.Count(old.InstanceId, "two"));
        Assert.Equal(2, (await _host.Queries.GetInstanceAsync(fresh.InstanceId, ct))!.DefinitionVersion);
        Assert.Equal(1, _log.Count(fresh.InstanceId, "two"));
    }

    [Fact]
    public async Task RetractAsync_NoNewInstancesStartOnTheRetractedVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var v1 = await _host.PublishAsync(Line("retired", Node("a", "NoOp")));

        Assert.True(await _host.Definitions.RetractAsync("retired", v1.Version, ct));
        var ex = await Assert.ThrowsAsync<WorkflowRequestException>(() =>
            _host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "retired", BusinessKey = "T-1" }, ct));

        Assert.Contains("has no published version", ex.Message, StringComparison.Ordinal);
    }
}
