using ReviewDesk.Workflows.Persistence.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows;

/// <summary>Composition of the workflow engine with the triage domain's persistence.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>The history table of the single migration set of releases before the engine's own project.</summary>
    public const string LegacyHistoryTable = "__EFMigrationsHistory";

    /// <summary>That set's last migration: a database that has it holds both new sets' first migrations' tables.</summary>
    public const string LegacyLastMigration = "20261126134559_AuditTrail";

    /// <summary>
    /// Adds the workflow engine (<see cref="EngineServiceCollectionExtensions.AddWorkflowEngine"/>), the triage
    /// domain's tables (their own migration set, applied after the engine's) and the audit trail.
    /// </summary>
    public static IServiceCollection AddReviewDeskWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWorkflowEngine(configuration);
        services.AddWorkflowDbContext<TriageDbContext, PostgresTriageDbContext>("triage", TriageDbContext.MigrationsHistoryTable);
        // Before the engine had a project (and a migration set) of its own, one history table held both sets' tables.
        foreach (var set in (string[])["engine", "triage"])
        {
            services.AddSingleton(new MigrationBaseline(set, LegacyHistoryTable, LegacyLastMigration));
        }

        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<Triage.TicketStore>();
        services.AddSingleton<IWorkflowChangeHandler, AuditedWorkflowChanges>();
        return services;
    }
}
