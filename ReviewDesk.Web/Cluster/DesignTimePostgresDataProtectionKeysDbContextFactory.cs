using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Web.Cluster;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresDataProtectionKeysDbContext</c> build the context without a host or a server.</summary>
internal sealed class DesignTimePostgresDataProtectionKeysDbContextFactory : IDesignTimeDbContextFactory<PostgresDataProtectionKeysDbContext>
{
    public PostgresDataProtectionKeysDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDataProtectionKeysDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.MigrationsHistoryTable(DataProtectionKeysDbContext.MigrationsHistoryTable))
            .Options);
}
