using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Web.Identity;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresReviewDeskIdentityDbContext</c> build the context without a host or a server.</summary>
internal sealed class DesignTimePostgresReviewDeskIdentityDbContextFactory : IDesignTimeDbContextFactory<PostgresReviewDeskIdentityDbContext>
{
    public PostgresReviewDeskIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresReviewDeskIdentityDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.MigrationsHistoryTable(ReviewDeskIdentityDbContext.MigrationsHistoryTable))
            .Options);
}
