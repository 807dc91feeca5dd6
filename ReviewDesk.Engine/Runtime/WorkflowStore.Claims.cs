namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    private const string AnyDueSql = """
        SELECT MIN("DueAt") FROM "WorkItems" WHERE "LeaseOwner" IS NULL OR "LeaseUntil" < $1
        """;

    // One statement claims due work whose lease is free or expired: under SQLite's single write lock, or
    // FOR UPDATE SKIP LOCKED on PostgreSQL (see the dialects' ClaimSql).
    /// <summary>Claims up to <paramref name="max"/> due work items for <paramref name="owner"/>.</summary>
    public Task<List<ClaimedWork>> ClaimAsync(string owner, int max, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            var claimed = new List<ClaimedWork>();
            using var reader = batch.Query(_dialect.ClaimSql, owner, batch.NowMs + (long)LeaseDuration.TotalMilliseconds, batch.NowMs, max);
            while (reader.Read())
            {
                claimed.Add(new ClaimedWork(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (WorkItemKind)reader.GetInt32(3),
                    reader.GetInt32(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetInt64(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }

            return claimed;
        }, cancellationToken);

    /// <summary>
    /// The earliest due time of unleased (or expired) work, read without taking the write lock, so an
    /// idle worker does not queue a write every poll. Null when there is none.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        var value = await ReadScalarAsync(AnyDueSql, cancellationToken, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Extends every lease <paramref name="owner"/> holds (the heartbeat).</summary>
    public Task<int> RenewLeasesAsync(string owner, CancellationToken cancellationToken) =>
        WriteAsync(batch => batch.Execute(
            """UPDATE "WorkItems" SET "LeaseUntil" = $1 WHERE "LeaseOwner" = $2""",
            batch.NowMs + (long)LeaseDuration.TotalMilliseconds, owner), cancellationToken);

    /// <summary>Gives up every lease of <paramref name="owner"/> so other workers can take the work at once (graceful stop).</summary>
    public Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken) =>
        WriteAsync(batch => batch.Execute(
            """UPDATE "WorkItems" SET "LeaseOwner" = NULL, "LeaseUntil" = NULL WHERE "LeaseOwner" = $1""",
            owner), cancellationToken);

    /// <summary>Gives up one lease (after a concurrency conflict) so the item runs again with fresh state.</summary>
    public Task<int> ReleaseLeaseAsync(ClaimedWork work, string owner, CancellationToken cancellationToken) =>
        WriteAsync(batch => batch.Execute(
            """UPDATE "WorkItems" SET "LeaseOwner" = NULL, "LeaseUntil" = NULL WHERE "Id" = $1 AND "LeaseOwner" = $2 AND "ClaimCount" = $3""",
            work.Id, owner, work.ClaimCount), cancellationToken);
}
