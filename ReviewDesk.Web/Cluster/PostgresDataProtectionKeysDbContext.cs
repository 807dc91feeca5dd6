using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Web.Cluster;

/// <summary>The key ring's table as PostgreSQL migrates it (migrations in <c>Cluster/Migrations/Postgres</c>); only the migrator uses it.</summary>
public sealed class PostgresDataProtectionKeysDbContext(DbContextOptions<PostgresDataProtectionKeysDbContext> options) : DataProtectionKeysDbContext(options);
