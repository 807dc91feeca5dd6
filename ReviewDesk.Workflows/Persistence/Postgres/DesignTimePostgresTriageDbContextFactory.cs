using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Workflows.Persistence.Postgres;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresTriageDbContext</c> build the context without a host or a server.</summary>
internal sealed class DesignTimePostgresTriageDbContextFactory : IDesignTimeDbContextFactory<PostgresTriageDbContext>
{
    public PostgresTriageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTriageDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.MigrationsHistoryTable(TriageDbContext.MigrationsHistoryTable)).Options);
}
