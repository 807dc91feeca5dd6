using ReviewDesk.Engine.Runtime;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task TwoRuntimesOnOneDatabase_NeverRunTheSameActivityAttemptTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase();
        var log = new ExecutionLog();
        var settings = new Dictionary<string, string?> { ["Workflows:Worker:MaxConcurrency"] = "8" };
        await using var left = await RuntimeHost.StartAsync(database, log, name: "left", settings: settings);
        await using var right = await RuntimeHost.StartAsync(database, log, name: "right", settings: settings);
        await left.PublishAsync(Line("shared", Node("a", "Sleep", new() { ["milliseconds"] = 3 }), Node("b", "Record"), Node("c", "Sleep", new() { ["milliseconds"] = 3 })));

        var starts = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? left : right).Runtime.StartAsync(
            new StartWorkflowRequest { DefinitionId = "shared", BusinessKey = $"C-{i}" }, ct));
        var ids = (await Task.WhenAll(starts)).Select(s => s.InstanceId).ToList();
        foreach (var id in ids) await left.WaitForStatusAsync(id, WorkflowStatus.Completed);

        var attempts = log.Entries.GroupBy(e => (e.InstanceId, e.NodeId, e.Attempt)).ToList();
        Assert.Equal(200 * 3, attempts.Count);
        Assert.All(attempts, a => Assert.Single(a));
        Assert.Contains(log.Entries, e => e.Host == "left");
        Assert.Contains(log.Entries, e => e.Host == "right");
        Assert.All(ids, id => Assert.Equal(3, log.Entries.Count(e => e.InstanceId == id)));
    }
}
