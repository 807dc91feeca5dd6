using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// One set of EF Core migrations in the application's database (the engine's, a domain's, the accounts'),
/// each with its own history table. <see cref="DatabaseMigrator"/> applies every registered set at start,
/// in registration order, and readiness checks list what each set still lacks.
/// </summary>
public abstract class MigrationSet
{
    /// <summary>A short name for logs and readiness reports (<c>engine</c>, <c>triage</c>, <c>identity</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Opens a context whose migrations are the set's, for the configured provider.</summary>
    public abstract Task<DbContext> CreateContextAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The migration set of <typeparamref name="TContext"/>: on SQLite its own migrations (through its registered
/// factory); on PostgreSQL those filed under <typeparamref name="TPostgres"/>, the subclass that exists only to
/// carry them (EF Core looks migrations up by the exact context type).
/// </summary>
/// <typeparam name="TContext">The context whose tables the set creates.</typeparam>
/// <typeparam name="TPostgres">Its PostgreSQL migrations subclass, or <typeparamref name="TContext"/> when it has none.</typeparam>
internal sealed class MigrationSet<TContext, TPostgres>(string name, string migrationsHistoryTable, IServiceProvider services) : MigrationSet
    where TContext : DbContext
    where TPostgres : TContext
{
    public override string Name => name;

    public override async Task<DbContext> CreateContextAsync(CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return await services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(cancellationToken);
        }

        if (typeof(TPostgres) == typeof(TContext))
        {
            throw new NotSupportedException($"The {name} tables have no {database.Provider} migrations.");
        }

        var options = new DbContextOptionsBuilder<TPostgres>();
        WorkflowDatabase.Configure(options, database, migrationsHistoryTable);
        return ActivatorUtilities.CreateInstance<TPostgres>(services, options.Options);
    }
}
