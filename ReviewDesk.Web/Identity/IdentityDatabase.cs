using Microsoft.EntityFrameworkCore;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Web.Identity;

/// <summary>The identity context uses the application's database, provider and SQLite pragmas (see <see cref="DatabaseOptions"/>).</summary>
internal static class IdentityDatabase
{
    public static void Configure(DatabaseOptions database, DbContextOptionsBuilder options)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException(
                $"Database:Provider '{database.Provider}' is not available in this build: only Sqlite is implemented so far (PostgreSQL for several nodes is planned).");
        }

        options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(ReviewDeskIdentityDbContext.MigrationsHistoryTable))
            .AddInterceptors(new SqlitePragmas(database.BusyTimeoutMilliseconds));
    }
}
