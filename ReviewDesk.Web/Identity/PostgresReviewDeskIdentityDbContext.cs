using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Web.Identity;

/// <summary>The accounts' model as PostgreSQL migrates it (migrations in <c>Identity/Migrations/Postgres</c>); only the migrator uses it.</summary>
public sealed class PostgresReviewDeskIdentityDbContext(DbContextOptions<PostgresReviewDeskIdentityDbContext> options) : ReviewDeskIdentityDbContext(options);
