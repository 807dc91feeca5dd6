using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// The engine's tables: definitions, instances, work items, executions, bookmarks, resume requests,
/// the journal and incidents. EF Core owns their schema (migrations, history table
/// <see cref="MigrationsHistoryTable"/>) and the read side; the worker's hot path writes them with lean
/// ADO.NET (see <see cref="Runtime.WorkflowStore"/>). A domain keeps its own tables in a context of its
/// own, in the same database, so its rows can commit in the same transaction as a step.
/// <para>
/// Each provider has its own migrations. EF Core files a migration under the exact context type, so the
/// PostgreSQL migrations belong to a subclass used only to migrate (<see cref="Postgres.PostgresWorkflowDbContext"/>).
/// </para>
/// </summary>
public class WorkflowDbContext : DbContext
{
    /// <summary>The context over the configured database.</summary>
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's migrations subclass.</summary>
    protected WorkflowDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The engine's migration history table (each migration set has its own).</summary>
    public const string MigrationsHistoryTable = "__EngineMigrationsHistory";

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
    /// <summary>Incidents.</summary>
    public DbSet<IncidentRecord> Incidents => Set<IncidentRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DateTimeOffsetToMillisecondsConverter.Register(configurationBuilder);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WorkflowDbContext).Assembly);
}
