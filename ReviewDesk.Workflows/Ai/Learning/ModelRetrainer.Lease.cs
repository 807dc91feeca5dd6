using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Ai.Learning;

public sealed partial class ModelRetrainer
{
    /// <summary>The lease of the retrain in <c>LearningLeases</c>.</summary>
    public const string RetrainLeaseName = "retrain";

    // An upsert that only overwrites a lapsed lease: one statement, atomic on SQLite and PostgreSQL alike.
    private const string AcquireSql = """
        INSERT INTO "LearningLeases" ("Name", "Owner", "ExpiresAt") VALUES ($1, $2, $3)
        ON CONFLICT ("Name") DO UPDATE SET "Owner" = excluded."Owner", "ExpiresAt" = excluded."ExpiresAt"
        WHERE "LearningLeases"."ExpiresAt" < $4
        """;

    private const string RenewSql = """UPDATE "LearningLeases" SET "ExpiresAt" = $1 WHERE "Name" = $2 AND "Owner" = $3""";

    private const string ReleaseSql = """DELETE FROM "LearningLeases" WHERE "Name" = $1 AND "Owner" = $2""";

    private readonly string _leaseOwner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    // Short, and renewed every third of it while a retrain runs: a node that dies holding it blocks retrains for this long at most.
    private TimeSpan LeaseDuration => options.Value.RetrainLeaseDuration;

    // Takes the lease and records the run in one transaction: a run row exists exactly when its lease was taken.
    private Task<bool> TryAcquireLeaseAsync(RetrainRunRecord run, CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx =>
        {
            if (tx.Execute(AcquireSql, RetrainLeaseName, _leaseOwner, tx.NowMs + (long)LeaseDuration.TotalMilliseconds, tx.NowMs) != 1) return false;
            tx.Db<TriageDbContext>().RetrainRuns.Add(run);
            return true;
        }, cancellationToken);

    private Task<bool> RenewLeaseAsync(CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx => tx.Execute(RenewSql, tx.NowMs + (long)LeaseDuration.TotalMilliseconds, RetrainLeaseName, _leaseOwner) == 1, cancellationToken);

    private async Task RenewLeaseWhileRunningAsync(string runId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(LeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await RenewLeaseAsync(cancellationToken))
                    {
                        logger.LogWarning("Retrain {RunId} no longer holds the retrain lease (it lapsed); another node may start one", runId);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Renewing the retrain lease of {RunId} failed; trying again in {Interval}", runId, LeaseDuration / 3);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private async Task<bool> LeaseHeldAsync(TriageDbContext db, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.LearningLeases.AsNoTracking().AnyAsync(l => l.Name == RetrainLeaseName && l.Owner == owner && l.ExpiresAt > now, cancellationToken);
    }

    private Task ReleaseLeaseAsync(CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx => tx.Execute(ReleaseSql, RetrainLeaseName, _leaseOwner), cancellationToken);
}
