using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReviewDesk.Workflows.Persistence;

/// <summary>
/// The application database: the workflow runtime's tables and the tickets. EF Core owns the schema (migrations) and the read side; the hot path of the
/// worker writes the same tables with lean ADO.NET (see <see cref="Runtime.WorkflowStore"/>).
/// </summary>
public sealed class ReviewDeskDbContext(DbContextOptions<ReviewDeskDbContext> options) : DbContext(options)
{
    /// <summary>Definition versions.</summary>
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();
    /// <summary>Instances.</summary>
    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();
    /// <summary>Runnable work.</summary>
    public DbSet<WorkItemRecord> WorkItems => Set<WorkItemRecord>();
    /// <summary>Activity attempt checkpoints.</summary>
    public DbSet<ExecutionRecord> Executions => Set<ExecutionRecord>();
    /// <summary>Open bookmarks.</summary>
    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();
    /// <summary>Resume requests.</summary>
    public DbSet<ResumeRequestRecord> ResumeRequests => Set<ResumeRequestRecord>();
    /// <summary>Journals.</summary>
    public DbSet<JournalEntryRecord> Journal => Set<JournalEntryRecord>();
    /// <summary>Tickets.</summary>
    public DbSet<TicketRecord> Tickets => Set<TicketRecord>();
    /// <summary>Reviewers' comments on tickets.</summary>
    public DbSet<TicketCommentRecord> TicketComments => Set<TicketCommentRecord>();
    /// <summary>Incidents.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();
    /// <summary>The append-only audit trail (write it through <see cref="Audit.AuditLog"/>).</summary>
    public DbSet<AuditEntryRecord> AuditEntries => Set<AuditEntryRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Times are stored as Unix milliseconds: sortable and comparable in SQL on every provider,
        // and cheap to bind on the worker's hot path.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToMillisecondsConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReviewDeskDbContext).Assembly);
}
