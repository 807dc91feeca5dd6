using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Web.Identity;

/// <summary>Lets <c>dotnet ef migrations add --context ReviewDeskIdentityDbContext</c> build the context without a host.</summary>
internal sealed class DesignTimeReviewDeskIdentityDbContextFactory : IDesignTimeDbContextFactory<ReviewDeskIdentityDbContext>
{
    public ReviewDeskIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReviewDeskIdentityDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable(ReviewDeskIdentityDbContext.MigrationsHistoryTable))
            .Options);
}
