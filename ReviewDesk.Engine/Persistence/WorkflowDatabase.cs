using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Engine.Persistence;

/// <summary>
/// Points an EF Core context at the application's database: the configured provider and connection
/// string (through its <see cref="DatabaseDialect"/>), and the context's own migration history table. The
/// engine's context and every domain context that shares its database are configured here, so they always agree.
/// </summary>
public static class WorkflowDatabase
{
    /// <summary>Configures <paramref name="options"/> for <paramref name="database"/> with <paramref name="migrationsHistoryTable"/>.</summary>
    /// <exception cref="NotSupportedException">The provider is not supported.</exception>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseOptions database, string migrationsHistoryTable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        return DatabaseDialect.For(database).Configure(options, database, migrationsHistoryTable);
    }
}
