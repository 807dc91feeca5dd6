using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Engine.Persistence.Postgres;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresWorkflowDbContext</c> build the context without a host or a server.</summary>
internal sealed class DesignTimePostgresWorkflowDbContextFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    public PostgresWorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.MigrationsHistoryTable(WorkflowDbContext.MigrationsHistoryTable)).Options);
}
