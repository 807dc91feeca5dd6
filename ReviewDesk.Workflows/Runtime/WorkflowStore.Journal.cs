namespace ReviewDesk.Workflows.Runtime;

internal sealed partial class WorkflowStore
{
    private const string InsertJournalSql = """
        INSERT INTO "Journal" ("InstanceId", "Sequence", "At", "Type", "NodeId", "ActivityType", "Attempt", "Actor", "Detail")
        VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)
        """;

    /// <summary>Appends journal entries for one instance within the current write, numbering them from a cursor.</summary>
    private sealed class JournalWriter(WriteBatch batch, string instanceId, int nextSequence)
    {
        public int NextSequence { get; private set; } = nextSequence;

        public void Append(string type, DateTimeOffset at, string? nodeId = null, string? activityType = null,
            int? attempt = null, string? actor = null, string? detail = null)
        {
            batch.Execute(InsertJournalSql, instanceId, NextSequence, at.ToUnixTimeMilliseconds(), type, nodeId, activityType, attempt, actor, detail);
            NextSequence++;
        }
    }
}
