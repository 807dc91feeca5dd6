using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Workflows.Persistence;

/// <summary>
/// The triage domain's tables: tickets, reviewers' comments and the audit trail. They live in the
/// engine's database (its own migration set, history table <see cref="MigrationsHistoryTable"/>), so a
/// step's ticket changes commit in the same transaction as the step. PostgreSQL's migrations are filed under
/// <see cref="Postgres.PostgresTriageDbContext"/>.
/// </summary>
public class TriageDbContext : DbContext
{
    /// <summary>The context over the configured database.</summary>
    public TriageDbContext(DbContextOptions<TriageDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's migrations subclass.</summary>
    protected TriageDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The triage domain's migration history table.</summary>
    public const string MigrationsHistoryTable = "__TriageMigrationsHistory";

    /// <summary>Tickets.</summary>
    public DbSet<TicketRecord> Tickets => Set<TicketRecord>();
    /// <summary>Reviewers' comments on tickets.</summary>
    public DbSet<TicketCommentRecord> TicketComments => Set<TicketCommentRecord>();
    /// <summary>The append-only audit trail (write it through <see cref="Audit.AuditLog"/>).</summary>
    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();
    /// <summary>Reviewers' decisions as labelled examples (written through <see cref="Ai.Learning.LabelledExampleWriter"/>).</summary>
    public DbSet<Ai.Learning.LabelledExampleRecord> LabelledExamples => Set<Ai.Learning.LabelledExampleRecord>();
    /// <summary>Retrained local model versions.</summary>
    public DbSet<Ai.Learning.ModelVersionRecord> ModelVersions => Set<Ai.Learning.ModelVersionRecord>();
    /// <summary>What shadow classifiers said about live tickets.</summary>
    public DbSet<Ai.Learning.ShadowClassificationRecord> ShadowClassifications => Set<Ai.Learning.ShadowClassificationRecord>();
    /// <summary>Cluster-wide leases of learning jobs (one retrain at a time across nodes).</summary>
    public DbSet<Ai.Learning.LearningLeaseRecord> LearningLeases => Set<Ai.Learning.LearningLeaseRecord>();
    /// <summary>Retrain runs, from start to end (what <c>GET /api/models/retrains/{id}</c> reports).</summary>
    public DbSet<Ai.Learning.RetrainRunRecord> RetrainRuns => Set<Ai.Learning.RetrainRunRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DateTimeOffsetToMillisecondsConverter.Register(configurationBuilder);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TriageDbContext).Assembly);
}
