using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Points an EF Core context at the application's database: the configured provider and connection
/// string, the SQLite pragmas, and the context's own migration history table. The engine's context and
/// every domain context that shares its database are configured here, so they always agree.
/// </summary>
public static class WorkflowDatabase
{
    /// <summary>Configures <paramref name="options"/> for <paramref name="database"/> with <paramref name="migrationsHistoryTable"/>.</summary>
    /// <exception cref="NotSupportedException">The provider is not available in this build.</exception>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string migrationsHistoryTable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException(
                $"Database:Provider '{database.Provider}' is not available in this build: only Sqlite is implemented so far (PostgreSQL for several nodes is planned).");
        }

        return options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable))
            .AddInterceptors(new SqlitePragmas(database.BusyTimeoutMilliseconds));
    }
}
