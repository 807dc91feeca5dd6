using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Definitions;

namespace ReviewDesk.Workflows.Runtime;

internal sealed partial class WorkflowStore
{
    private const string InsertInstanceSql = """
        INSERT INTO "Instances" ("Id", "DefinitionId", "DefinitionVersion", "BusinessKey", "Status", "Input", "Variables", "Outputs",
            "CurrentNodeId", "Version", "NextJournalSequence", "CreatedAt", "UpdatedAt")
        VALUES ($0, $1, $2, $3, 0, $4, '{}', '{}', $5, 1, $7, $6, $6)
        ON CONFLICT ("BusinessKey") DO NOTHING
        """;

    private const int FirstJournalSequence = 1;

    /// <summary>
    /// Starts an instance on the latest published version (or the one asked for) unless one with the
    /// business key exists. Null when there is no such published version.
    /// </summary>
    public Task<StartWorkflowResult?> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            var version = request.Version is { } asked
                ? batch.Scalar("""SELECT "Version" FROM "Definitions" WHERE "DefinitionId" = $0 AND "Version" = $1 AND "Status" <> 0""", request.DefinitionId, asked)
                : batch.Scalar("""SELECT MAX("Version") FROM "Definitions" WHERE "DefinitionId" = $0 AND "Status" = 1""", request.DefinitionId);
            if (version is not long number) return null;
            var definition = DefinitionIn(batch, request.DefinitionId, (int)number);

            var id = _ids.NewId("wf_");
            var startNode = definition.StartNodeId!;
            // The instance row already counts the two journal entries written below.
            if (batch.Execute(InsertInstanceSql, id, definition.Id, number, request.BusinessKey, ToJson(request.Input), startNode, batch.NowMs, FirstJournalSequence + 2) == 0)
            {
                return new StartWorkflowResult((string)batch.Scalar("""SELECT "Id" FROM "Instances" WHERE "BusinessKey" = $0""", request.BusinessKey)!, false);
            }

            batch.Scalar(InsertWorkItemSql, id, startNode, (int)WorkItemKind.Execute, 1, batch.NowMs, null, null, 0, null, null);
            var journal = new JournalWriter(batch, id, FirstJournalSequence);
            journal.Append(JournalTypes.Started, batch.Now, actor: request.Actor, detail: $"{definition.Id} v{number}");
            journal.Append(JournalTypes.ActivityScheduled, batch.Now, startNode, definition.FindNode(startNode)?.Type, attempt: 1, actor: request.Actor);
            journal.Flush();
            batch.Publish(new InstanceChanged(id, request.BusinessKey, batch.Now, definition.Id, (int)number, WorkflowStatus.Running, startNode));
            return new StartWorkflowResult(id, true);
        }, cancellationToken);

    /// <summary>Cancels an unfinished instance: its work, bookmarks and pending resumes are removed.</summary>
    public Task<OperationResult> CancelAsync(string instanceId, string? actor, string? reason, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            if (ReadHeader(batch, instanceId) is not { } header) return OperationResult.NotFound;
            if (header.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled) return OperationResult.Finished(header.Status);

            batch.Execute("""DELETE FROM "WorkItems" WHERE "InstanceId" = $0""", instanceId);
            batch.Execute("""DELETE FROM "Bookmarks" WHERE "InstanceId" = $0""", instanceId);
            batch.Execute(
                """UPDATE "ResumeRequests" SET "State" = 2, "Message" = 'the instance was cancelled' WHERE "InstanceId" = $0 AND "State" = 0""",
                instanceId);
            batch.Execute("""UPDATE "Incidents" SET "ResolvedAt" = $0 WHERE "InstanceId" = $1 AND "ResolvedAt" IS NULL""", batch.NowMs, instanceId);
            var journal = new JournalWriter(batch, instanceId, header.NextJournalSequence);
            journal.Append(JournalTypes.Cancelled, batch.Now, actor: actor, detail: reason);
            journal.Flush();
            batch.Execute(
                """UPDATE "Instances" SET "Status" = 4, "FinishedAt" = $0, "UpdatedAt" = $0, "NextJournalSequence" = $1, "Version" = "Version" + 1 WHERE "Id" = $2""",
                batch.NowMs, journal.NextSequence, instanceId);
            batch.Publish(new InstanceChanged(instanceId, header.BusinessKey, batch.Now, header.DefinitionId, header.DefinitionVersion, WorkflowStatus.Cancelled, header.CurrentNodeId));
            return OperationResult.Done;
        }, cancellationToken);

    /// <summary>Retries a faulted instance from the node that failed, with a fresh attempt count.</summary>
    public Task<OperationResult> RetryAsync(string instanceId, string? actor, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            if (ReadHeader(batch, instanceId) is not { } header) return OperationResult.NotFound;
            if (header.Status != WorkflowStatus.Faulted || header.FaultedNodeId is null) return OperationResult.NotFaulted(header.Status);

            batch.Scalar(InsertWorkItemSql, instanceId, header.FaultedNodeId, (int)WorkItemKind.Execute, 1, batch.NowMs, null, null, 0, null, null);
            batch.Execute("""UPDATE "Incidents" SET "ResolvedAt" = $0 WHERE "InstanceId" = $1 AND "ResolvedAt" IS NULL""", batch.NowMs, instanceId);
            var journal = new JournalWriter(batch, instanceId, header.NextJournalSequence);
            var activityType = ActivityTypeOf(batch, header, header.FaultedNodeId);
            journal.Append(JournalTypes.Retried, batch.Now, header.FaultedNodeId, activityType, actor: actor);
            journal.Append(JournalTypes.ActivityScheduled, batch.Now, header.FaultedNodeId, activityType, attempt: 1, actor: actor);
            journal.Flush();
            batch.Execute(
                """UPDATE "Instances" SET "Status" = 0, "FaultedNodeId" = NULL, "Error" = NULL, "CurrentNodeId" = $0, "UpdatedAt" = $1, "NextJournalSequence" = $2, "Version" = "Version" + 1 WHERE "Id" = $3""",
                header.FaultedNodeId, batch.NowMs, journal.NextSequence, instanceId);
            batch.Publish(new InstanceChanged(instanceId, header.BusinessKey, batch.Now, header.DefinitionId, header.DefinitionVersion, WorkflowStatus.Running, header.FaultedNodeId));
            return OperationResult.Done;
        }, cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> completed or cancelled instances finished before <paramref name="before"/>, with everything they own.</summary>
    public Task<int> PurgeFinishedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            var ids = new List<string>();
            using (var reader = batch.Query(
                """SELECT "Id" FROM "Instances" WHERE "Status" IN (2, 4) AND "FinishedAt" < $0 LIMIT $1""",
                before.ToUnixTimeMilliseconds(), max))
            {
                while (reader.Read()) ids.Add(reader.GetString(0));
            }

            foreach (var id in ids)
            {
                foreach (var table in (string[])["Journal", "Executions", "Incidents", "ResumeRequests", "Bookmarks", "WorkItems"])
                {
                    batch.Execute($"""DELETE FROM "{table}" WHERE "InstanceId" = $0""", id);
                }

                batch.Execute("""DELETE FROM "Instances" WHERE "Id" = $0""", id);
            }

            return ids.Count;
        }, cancellationToken);

    /// <summary>The activity type of a node of the instance's definition version (journal entries name both).</summary>
    private string? ActivityTypeOf(WriteBatch batch, InstanceHeader header, string? nodeId) =>
        nodeId is null ? null : DefinitionIn(batch, header.DefinitionId, header.DefinitionVersion).FindNode(nodeId)?.Type;

    /// <summary>A definition version, from the cache or read inside the current write.</summary>
    private WorkflowDefinition DefinitionIn(WriteBatch batch, string definitionId, int version) =>
        _definitions.GetOrParse(definitionId, version, () => (string)batch.Scalar(
            """SELECT "Json" FROM "Definitions" WHERE "DefinitionId" = $0 AND "Version" = $1""", definitionId, version)!);

    private static InstanceHeader? ReadHeader(WriteBatch batch, string instanceId)
    {
        using var reader = batch.Query(
            """SELECT "BusinessKey", "DefinitionId", "DefinitionVersion", "Status", "CurrentNodeId", "FaultedNodeId", "NextJournalSequence" FROM "Instances" WHERE "Id" = $0""",
            instanceId);
        return reader.Read()
            ? new InstanceHeader(instanceId, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), (WorkflowStatus)reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6))
            : null;
    }

    private sealed record InstanceHeader(
        string Id, string BusinessKey, string DefinitionId, int DefinitionVersion, WorkflowStatus Status,
        string? CurrentNodeId, string? FaultedNodeId, int NextJournalSequence);
}
