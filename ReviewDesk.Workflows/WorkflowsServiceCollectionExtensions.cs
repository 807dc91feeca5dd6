using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewDesk.Workflows.Activities;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Activities.BuiltIn;
using ReviewDesk.Workflows.Definitions;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Runtime;

namespace ReviewDesk.Workflows;

/// <summary>Composition of the workflow runtime.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime: persistence (migrated at start), definitions, the worker, retention, events
    /// and the built-in activities, configured from <c>Database</c>, <c>ConnectionStrings:ReviewDesk</c>
    /// and <c>Workflows</c>.
    /// </summary>
    public static IServiceCollection AddReviewDeskWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o => o.ConnectionString = ResolveConnectionString(configuration, o));
        services.AddOptions<WorkflowRuntimeOptions>().Bind(configuration.GetSection(WorkflowRuntimeOptions.Section));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowIdGenerator, GuidV7IdGenerator>();
        services.AddDbContextFactory<ReviewDeskDbContext>((sp, options) => ConfigureDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, options));

        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton(sp => new DefinitionValidator(
            sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value.ResolveDefaultRetry()));
        services.TryAddSingleton<WorkflowDefinitionStore>();
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<WorkflowEventStream>();
        services.TryAddSingleton<WorkSignal>();
        services.TryAddSingleton<WorkerIdentity>();
        services.TryAddSingleton<WorkflowStore>();
        services.TryAddSingleton<StepExecutor>();
        services.TryAddSingleton<WorkflowQueries>();
        services.TryAddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<WorkflowStore>(), sp.GetRequiredService<WorkflowQueries>(),
            sp.GetRequiredService<WorkflowEventStream>(), sp.GetRequiredService<WorkSignal>(), sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>()));
        services.TryAddSingleton<RetentionService>();
        services.TryAddSingleton<AuditLog>();

        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        if (configuration.GetValue($"{WorkflowRuntimeOptions.Section}:Worker:Enabled", true))
        {
            services.TryAddSingleton<WorkflowWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<WorkflowWorker>());
        }

        services.AddWorkflowActivity<NoOpActivity>()
            .AddWorkflowActivity<SetVariableActivity>()
            .AddWorkflowActivity<DelayActivity>()
            .AddWorkflowActivity<WaitForSignalActivity>();
        return services;
    }

    /// <summary>Registers an activity type so definitions can use it.</summary>
    public static IServiceCollection AddWorkflowActivity<TActivity>(this IServiceCollection services)
        where TActivity : class, IActivityType
    {
        services.AddSingleton(new ActivityRegistration(TActivity.Descriptor, typeof(TActivity)));
        return services;
    }

    private static string ResolveConnectionString(IConfiguration configuration, DatabaseOptions options)
    {
        var configured = configuration.GetConnectionString("ReviewDesk");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "reviewdesk.db")}";
    }

    private static void ConfigureDatabase(DatabaseOptions database, DbContextOptionsBuilder options)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException(
                $"Database:Provider '{database.Provider}' is not available in this build: only Sqlite is implemented so far (PostgreSQL for several nodes is planned).");
        }

        options.UseSqlite(database.ConnectionString).AddInterceptors(new SqlitePragmas(database.BusyTimeoutMilliseconds));
    }
}
