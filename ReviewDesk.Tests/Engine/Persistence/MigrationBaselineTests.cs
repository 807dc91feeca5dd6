using Microsoft.Data.Sqlite;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Workflows;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Engine.Persistence;

/// <summary>A database made before the engine had its own migration set is adopted, not re-created or refused.</summary>
public sealed class MigrationBaselineTests : IDisposable
{
    private readonly TestDatabase _database = new(ReviewDesk.Engine.Persistence.DatabaseProvider.Sqlite); // adopting an old SQLite file: SQLite only

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StartAsync_DatabaseOfTheSingleSetLayout_AdoptsItsTablesAndKeepsItsRows()
    {
        // Make the earlier layout: the same tables, recorded in one history table that ends with the audit trail.
        await using (var first = await RuntimeHost.StartAsync(_database, worker: false, triageTables: true))
        {
            await first.PublishAsync(Flows.Line("kept", Flows.Node("a", "Record")));
        }

        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await ExecuteAsync(connection, $"""DROP TABLE "{WorkflowDbContext.MigrationsHistoryTable}"; DROP TABLE "{TriageDbContext.MigrationsHistoryTable}";""");
            // Tables of migrations after the single-set layout (notifications) did not exist then.
            await ExecuteAsync(connection, """DROP TABLE "DecisionLinkUses"; DROP TABLE "NotificationDeliveries"; DROP TABLE "NotificationDigestItems"; DROP TABLE "NotificationPreferences";""");
            // Nor did the learning tables (issue 12).
            await ExecuteAsync(connection, """DROP TABLE "LabelledExamples"; DROP TABLE "ShadowClassifications"; DROP TABLE "ModelVersions"; DROP TABLE "LearningLeases"; DROP TABLE "RetrainRuns";""");
            // Nor did the engine's traceparent columns (issue 13).
            await ExecuteAsync(connection, """ALTER TABLE "WorkItems" DROP COLUMN "TraceParent"; ALTER TABLE "Bookmarks" DROP COLUMN "TraceParent"; ALTER TABLE "ResumeRequests" DROP COLUMN "TraceParent";""");
            // Nor the index the operator board's history reads attempts by (issue 13).
            await ExecuteAsync(connection, """DROP INDEX "IX_Executions_FinishedAt";""");
            await ExecuteAsync(connection, $"""
                CREATE TABLE "{WorkflowsServiceCollectionExtensions.LegacyHistoryTable}" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "{WorkflowsServiceCollectionExtensions.LegacyHistoryTable}" VALUES
                    ('20261126113814_Initial', '10.0.15'), ('20261126120617_ReviewQueue', '10.0.15'), ('20261126125738_TicketComments', '10.0.15'),
                    ('20261126134544_TicketList', '10.0.15'), ('{WorkflowsServiceCollectionExtensions.LegacyLastMigration}', '10.0.15');
                """);
        }

        await using var second = await RuntimeHost.StartAsync(_database, worker: false, triageTables: true);

        Assert.NotNull(await second.Definitions.GetLatestPublishedAsync("kept", Ct));
        await using var check = new SqliteConnection(_database.ConnectionString);
        await check.OpenAsync(Ct);
        // Each set adopts its first migration, then applies those after the layout (the engine's traceparent and attempts'
        // finish-time index; triage's notifications, learning, the retrain lease, the retrain runs, and the submission kept
        // only until the scrub with the drop of the scrubbed tickets' submissions).
        foreach (var (table, migrations) in (ValueTuple<string, long>[])[(WorkflowDbContext.MigrationsHistoryTable, 3L), (TriageDbContext.MigrationsHistoryTable, 7L)])
        {
            await using var command = check.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
            Assert.Equal(migrations, await command.ExecuteScalarAsync(Ct));
        }
    }

    [Fact]
    public async Task StartAsync_EmptyDatabase_RunsEverySetsMigrations()
    {
        await using var host = await RuntimeHost.StartAsync(_database, worker: false);

        await host.PublishAsync(Flows.Line("fresh", Flows.Node("a", "Record")));
        Assert.NotNull(await host.Definitions.GetLatestPublishedAsync("fresh", Ct));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
