using System.Text.Json.Nodes;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>
/// PostgreSQL restarted under load (a cluster of the test's own, really stopped and started): the writer and the
/// worker reconnect, the writes held meanwhile are retried, nothing is lost, and no step completes twice.
/// </summary>
public sealed class PostgresRestartTests
{
    private const int Workflows = 60;

    [Fact]
    public async Task ServerRestartedWhileWorkflowsRun_EveryWorkflowCompletes_AndEachStepCompletesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cluster = TestPostgresCluster.Start();
        var connectionString = cluster.CreateDatabase("rd_restart");
        using var database = new TestDatabase(DatabaseProvider.Postgres);
        var log = new ExecutionLog();
        await using var host = await RuntimeHost.StartAsync(database, log, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReviewDesk"] = connectionString,
            ["Database:ReconnectDelay"] = "00:00:00.100",
        });
        await host.PublishAsync(Flows.Line("restart",
            Flows.Node("s1", "Sleep", new JsonObject { ["milliseconds"] = 20 }),
            Flows.Node("s2", "Sleep", new JsonObject { ["milliseconds"] = 20 }),
            Flows.Node("s3", "Sleep", new JsonObject { ["milliseconds"] = 20 })));
        var started = await Task.WhenAll(Enumerable.Range(0, Workflows).Select(i =>
            host.Runtime.StartAsync(new StartWorkflowRequest { DefinitionId = "restart", BusinessKey = $"restart-{i}" }, ct)));

        // Under load: some steps have run, most have not.
        await Eventually.HoldsAsync(() => log.Entries.Count >= Workflows / 2, "a part of the steps to run");
        cluster.StopServer("fast");
        cluster.StartServer();
        // What is under test is the runtime's writes and work. The test's own reads below come from the same pool, and a
        // connection it opened before the restart holds the server's "terminating connection" notice (57P01) until its
        // next use: the writer clears the pool once it notices, but a read could take such a connection first. Reads are
        // not retried (see the README), so the test starts its reads on connections of the restarted server.
        Npgsql.NpgsqlConnection.ClearAllPools();

        foreach (var instance in started) await host.WaitForStatusAsync(instance.InstanceId, WorkflowStatus.Completed, TimeSpan.FromSeconds(90));
        foreach (var instance in started)
        {
            var completed = (await host.Queries.GetJournalAsync(instance.InstanceId, ct)).Where(j => j.Type == JournalTypes.ActivityCompleted).Select(j => j.NodeId);
            Assert.Equal(["s1", "s2", "s3"], completed);
            var checkpoints = (await host.Queries.GetExecutionsAsync(instance.InstanceId, ct)).Where(e => e.Status == "Completed").Select(e => e.NodeId);
            Assert.Equal(["s1", "s2", "s3"], checkpoints.Order(StringComparer.Ordinal));
        }
    }
}
