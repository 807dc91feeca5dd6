using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Activities.BuiltIn;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Persistence.Postgres;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Engine.Telemetry;

namespace ReviewDesk.Engine;

/// <summary>Composition of the workflow engine.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: persistence (its migration set, applied at start), definitions, the worker, retention,
    /// events, the built-in activities and the designer's document model, configured from <c>Database</c>,
    /// <c>ConnectionStrings:ReviewDesk</c> and <c>Workflows</c>. A domain adds its activities with
    /// <see cref="AddWorkflowActivity{TActivity}"/> and its tables with <see cref="AddWorkflowDbContext{TContext}"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o => o.ConnectionString = ResolveConnectionString(configuration, o));
        services.AddOptions<WorkflowRuntimeOptions>().Bind(configuration.GetSection(WorkflowRuntimeOptions.Section))
            .PostConfigure<IOptions<DatabaseOptions>>((runtime, database) =>
            {
                if (configuration[$"{WorkflowRuntimeOptions.Section}:Worker:{nameof(WorkerOptions.MaxConcurrency)}"] is null)
                {
                    runtime.Worker.MaxConcurrency = WorkerOptions.DefaultMaxConcurrency(database.Value.Provider);
                }
            });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkflowIdGenerator, GuidV7IdGenerator>();
        services.AddWorkflowDbContext<WorkflowDbContext, PostgresWorkflowDbContext>("engine", WorkflowDbContext.MigrationsHistoryTable);

        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton(sp => new DefinitionValidator(
            sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value.ResolveDefaultRetry()));
        services.TryAddSingleton(sp => new WorkflowDefinitionStore(
            sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), sp.GetRequiredService<DefinitionValidator>(),
            sp.GetRequiredService<WorkflowStore>(), sp.GetServices<IWorkflowChangeHandler>()));
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<WorkflowEventStream>();
        services.TryAddSingleton(sp => new EngineMetrics(sp.GetRequiredService<IOptions<DatabaseOptions>>(),
            sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<WorkSignal>();
        services.TryAddSingleton<WorkerIdentity>();
        services.TryAddSingleton<WorkflowStore>();
        services.TryAddSingleton<StepExecutor>();
        services.TryAddSingleton<WorkflowQueries>();
        services.TryAddSingleton(sp => new WorkflowReader(sp.GetRequiredService<WorkflowStore>()));
        services.TryAddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<WorkflowStore>(), sp.GetRequiredService<WorkflowQueries>(),
            sp.GetRequiredService<WorkflowEventStream>(), sp.GetRequiredService<IOptions<WorkflowRuntimeOptions>>(),
            sp.GetRequiredService<StepExecutor>(), sp.GetRequiredService<WorkerIdentity>()));
        services.TryAddSingleton<RetentionService>();
        services.TryAddSingleton<WorkflowDesigner>();

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

    /// <summary>
    /// Adds a context over the engine's database (same provider, connection and pragmas) whose migrations
    /// form the set <paramref name="name"/>, applied at start after the sets registered before it. On
    /// PostgreSQL the set's migrations are those of <typeparamref name="TPostgresMigrations"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowDbContext<TContext, TPostgresMigrations>(this IServiceCollection services, string name, string migrationsHistoryTable)
        where TContext : DbContext
        where TPostgresMigrations : TContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationsHistoryTable);
        // Pooled: reads on the hot path (a step's ticket, a queue page) reuse contexts instead of building one each time.
        services.AddPooledDbContextFactory<TContext>((sp, options) =>
            WorkflowDatabase.Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, migrationsHistoryTable));
        return services.AddMigrationSet<TContext, TPostgresMigrations>(name, migrationsHistoryTable);
    }

    /// <summary>Adds a context over the engine's database whose migrations exist for SQLite only (PostgreSQL refuses to start).</summary>
    public static IServiceCollection AddWorkflowDbContext<TContext>(this IServiceCollection services, string name, string migrationsHistoryTable)
        where TContext : DbContext =>
        services.AddWorkflowDbContext<TContext, TContext>(name, migrationsHistoryTable);

    /// <summary>
    /// Makes the migrations of <typeparamref name="TContext"/> (whose factory is registered) the set <paramref name="name"/>:
    /// applied at start after the sets registered before it, and listed by readiness checks. On PostgreSQL the
    /// migrations are those of <typeparamref name="TPostgresMigrations"/>.
    /// </summary>
    public static IServiceCollection AddMigrationSet<TContext, TPostgresMigrations>(this IServiceCollection services, string name, string migrationsHistoryTable)
        where TContext : DbContext
        where TPostgresMigrations : TContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddSingleton<MigrationSet>(sp => new MigrationSet<TContext, TPostgresMigrations>(name, migrationsHistoryTable, sp));
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
}
