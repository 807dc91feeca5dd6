using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReviewDesk.Workflows.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host.</summary>
internal sealed class DesignTimeReviewDeskDbContextFactory : IDesignTimeDbContextFactory<ReviewDeskDbContext>
{
    public ReviewDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReviewDeskDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
