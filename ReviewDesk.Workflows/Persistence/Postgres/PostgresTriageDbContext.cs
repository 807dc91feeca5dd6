using Microsoft.EntityFrameworkCore;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Persistence.Postgres;

/// <summary>
/// The triage domain's model as PostgreSQL migrates it (migrations in <c>Persistence/Migrations/Postgres</c>).
/// PostgreSQL 15 has no virtual generated columns, so the review-queue flag is stored: written with the row,
/// which the queue's partial indexes want anyway. Only the migrator uses this type.
/// </summary>
public sealed class PostgresTriageDbContext(DbContextOptions<PostgresTriageDbContext> options) : TriageDbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TicketRecord>().Property(t => t.InReviewQueue).HasComputedColumnSql(TicketRecordEntityTypeConfiguration.InReviewQueueSql, stored: true);
        modelBuilder.Entity<TicketRecord>().Property(t => t.CurrentCategory).HasComputedColumnSql("COALESCE(\"FinalCategory\", \"AiCategory\")", stored: true);
    }
}
