using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Persistence.Postgres;

namespace ReviewDesk.Tests.Workflows.Persistence;

/// <summary>
/// The triage migrations on a database with tickets in it: a migration that changes data is tested on data. On the run's
/// provider (test.sh runs it on both).
/// </summary>
public sealed class TriageMigrationTests : IDisposable
{
    private const string BeforeSubmissionChange = "RetrainRuns";

    private readonly TestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task UpgradingDropsTheRawSubmissionOfScrubbedTickets_KeepsTheOthers_AndAllowsTicketsWithoutOne()
    {
        await using (var db = Context())
        {
            var migrator = db.GetService<IMigrator>();
            var target = db.Database.GetMigrations().Single(m => m.EndsWith("_" + BeforeSubmissionChange, StringComparison.Ordinal));
            await migrator.MigrateAsync(target, Ct);
            await InsertAsync(db, "tk_scrubbed", "sealed-1", "[]");
            await InsertAsync(db, "tk_waiting", "sealed-2", null);
            await Assert.ThrowsAnyAsync<Exception>(() => InsertAsync(db, "tk_refused", null, "[]"));
        }

        await using (var db = Context())
        {
            await db.Database.MigrateAsync(Ct);
            await InsertAsync(db, "tk_new", null, "[]");
            var stored = await db.Tickets.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.ProtectedSubmission }).ToListAsync(Ct);
            Assert.Equal(
                [("tk_new", (string?)null), ("tk_scrubbed", null), ("tk_waiting", "sealed-2")],
                stored.Select(t => (t.Id, t.ProtectedSubmission)));
        }
    }

    private TriageDbContext Context() => _database.IsPostgres
        ? new PostgresTriageDbContext(new DbContextOptionsBuilder<PostgresTriageDbContext>()
            .UseNpgsql(_database.ConnectionString, o => o.MigrationsHistoryTable(TriageDbContext.MigrationsHistoryTable)).Options)
        : new TriageDbContext(new DbContextOptionsBuilder<TriageDbContext>()
            .UseSqlite(_database.ConnectionString, o => o.MigrationsHistoryTable(TriageDbContext.MigrationsHistoryTable)).Options);

    private static Task<int> InsertAsync(TriageDbContext db, string id, string? submission, string? spans) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Tickets" ("Id", "Channel", "Status", "ProtectedSubmission", "PiiSpans", "Escalations", "DefinitionId", "CreatedAt", "UpdatedAt")
            VALUES ({id}, 'api', 1, {submission}, {spans}, 0, 'support-triage', 0, 0)
            """, Ct);
}
