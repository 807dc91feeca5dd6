using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>
/// A read through EF Core (what the API and the console do) on the first use of a pooled connection after PostgreSQL
/// restarted: the server ended that connection, and the read is retried on a new one instead of failing.
/// </summary>
public sealed class PostgresReadRetryTests
{
    [Fact]
    public async Task ReadOnAConnectionPooledBeforeARestart_IsRetriedOnANewConnection_AndAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cluster = TestPostgresCluster.Start();
        var database = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cluster.CreateDatabase("rd_read_retry") };
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        WorkflowDatabase.Configure(builder, database, WorkflowDbContext.MigrationsHistoryTable);

        // A read leaves its connection idle in the pool; the restart ends it on the server's side, unseen by the pool.
        await using (var before = new WorkflowDbContext(builder.Options)) Assert.Equal(1, await ReadAsync(before));
        cluster.StopServer("fast");
        cluster.StartServer();

        await using var after = new WorkflowDbContext(builder.Options);
        Assert.Equal(1, await ReadAsync(after));
    }

    private static Task<int> ReadAsync(WorkflowDbContext context) =>
        context.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
}
