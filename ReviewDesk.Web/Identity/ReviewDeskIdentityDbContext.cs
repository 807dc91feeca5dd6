using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Web.Identity;

/// <summary>
/// Accounts, roles and API keys. It lives in the web project (ReviewDesk.Workflows has no ASP.NET
/// dependency) but in the application's database, with migrations of its own recorded in
/// <see cref="MigrationsHistoryTable"/> so they never mix with the runtime's.
/// PostgreSQL's migrations are filed under <see cref="PostgresReviewDeskIdentityDbContext"/>.
/// </summary>
public class ReviewDeskIdentityDbContext : IdentityDbContext<IdentityUser>
{
    public ReviewDeskIdentityDbContext(DbContextOptions<ReviewDeskIdentityDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's migrations subclass.</summary>
    protected ReviewDeskIdentityDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public const string MigrationsHistoryTable = "__IdentityMigrationsHistory";

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfiguration(new ApiKeyRecordEntityTypeConfiguration());
    }
}
