using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// Readiness (<c>/readyz</c>): the database answers and every migration set (the engine's, the triage
/// domain's, the accounts') is fully applied. Unhealthy (503) otherwise, naming what is missing.
/// </summary>
internal sealed class DatabaseReadinessCheck(IEnumerable<MigrationSet> sets) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        try
        {
            foreach (var set in sets)
            {
                await using var db = await set.CreateContextAsync(cancellationToken);
                await CheckAsync(db, set.Name, data, problems, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex, data);
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("The database is reachable and every migration is applied.", data)
            : HealthCheckResult.Unhealthy(string.Join(" ", problems), data: data);
    }
    private static async Task CheckAsync(DbContext db, string name, Dictionary<string, object> data, List<string> problems, CancellationToken cancellationToken)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            data[$"{name}Reachable"] = false;
            problems.Add($"The {name} database cannot be reached.");
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        data[$"{name}PendingMigrations"] = pending;
        if (pending.Count > 0) problems.Add($"{pending.Count} {name} migration(s) not applied: {string.Join(", ", pending)}.");
    }
}
