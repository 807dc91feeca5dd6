using Microsoft.EntityFrameworkCore;

namespace ReviewDesk.Engine.Persistence.Postgres;

/// <summary>
/// The engine's model as PostgreSQL migrates it: the same tables as <see cref="WorkflowDbContext"/>, with the
/// PostgreSQL migrations (<c>Persistence/Migrations/Postgres</c>) filed under this type. Only the migrator uses it.
/// </summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options);
