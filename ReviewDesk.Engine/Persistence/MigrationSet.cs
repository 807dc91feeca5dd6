using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Opens a context of the set's type.</summary>
    public abstract Task<DbContext> CreateContextAsync(CancellationToken cancellationToken);
}

/// <summary>The migration set of <typeparamref name="TContext"/>, created through its registered factory.</summary>
/// <typeparam name="TContext">The context whose migrations form the set.</typeparam>
internal sealed class MigrationSet<TContext>(string name, IServiceProvider services) : MigrationSet
    where TContext : DbContext
{
    public override string Name => name;

    public override async Task<DbContext> CreateContextAsync(CancellationToken cancellationToken) =>
        await services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync(cancellationToken);
}
