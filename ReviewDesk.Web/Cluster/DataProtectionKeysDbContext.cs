using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Web.Cluster;

/// <summary>
/// The Data Protection key ring in the application's database (PostgreSQL), so every node protects and unprotects
/// with the same keys: a sign-in cookie, an antiforgery token, a decision link or a protected ticket original made on
/// one node is valid on all. Its own migration set, history table <see cref="MigrationsHistoryTable"/>.
/// </summary>
public class DataProtectionKeysDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>The key ring's migration history table.</summary>
    public const string MigrationsHistoryTable = "__KeysMigrationsHistory";

    /// <summary>The context over the configured database.</summary>
    public DataProtectionKeysDbContext(DbContextOptions<DataProtectionKeysDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's migrations subclass.</summary>
    protected DataProtectionKeysDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
