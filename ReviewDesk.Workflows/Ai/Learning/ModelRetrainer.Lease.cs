namespace ReviewDesk.Workflows.Ai.Learning;

public sealed partial class ModelRetrainer
{
    /// <summary>The lease of the retrain in <c>LearningLeases</c>.</summary>
    public const string RetrainLeaseName = "retrain";

    // Longer than any retrain takes (seconds); a node that dies holding it blocks retrains for this long at most.
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(15);

    // An upsert that only overwrites a lapsed lease: one statement, atomic on SQLite and PostgreSQL alike.
    private const string AcquireSql = """
        INSERT INTO "LearningLeases" ("Name", "Owner", "ExpiresAt") VALUES ($1, $2, $3)
        ON CONFLICT ("Name") DO UPDATE SET "Owner" = excluded."Owner", "ExpiresAt" = excluded."ExpiresAt"
        WHERE "LearningLeases"."ExpiresAt" < $4
        """;

    private const string ReleaseSql = """DELETE FROM "LearningLeases" WHERE "Name" = $1 AND "Owner" = $2""";

    private readonly string _leaseOwner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private Task<bool> TryAcquireLeaseAsync(CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx => tx.Execute(AcquireSql, RetrainLeaseName, _leaseOwner, tx.NowMs + (long)LeaseDuration.TotalMilliseconds, tx.NowMs) == 1,
            cancellationToken);

    private Task ReleaseLeaseAsync(CancellationToken cancellationToken) =>
        runtime.WriteAsync(tx => tx.Execute(ReleaseSql, RetrainLeaseName, _leaseOwner), cancellationToken);
}
