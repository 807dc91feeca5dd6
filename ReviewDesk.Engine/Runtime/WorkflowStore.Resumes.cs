using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using ReviewDesk.Engine.Telemetry;

namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    private const string InsertResumeSql = """
        INSERT INTO "ResumeRequests" ("RequestId", "InstanceId", "BusinessKey", "Kind", "BookmarkId", "Payload", "Actor", "State", "Message", "CreatedAt", "DeliveredAt", "TraceParent")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        RETURNING "Id"
        """;

    /// <summary>Records and, when a bookmark waits, delivers a resume, all in one transaction.</summary>
    public Task<ResumeResult> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) =>
        WriteAsync(batch => ApplyResume(batch, request), cancellationToken);

    internal ResumeResult ApplyResume(WorkflowTransaction batch, ResumeRequest request)
    {
        if (FindResume(batch, request.RequestId) is { } earlier) return earlier;

        string? bookmarkId = null;
        string? nodeId = null;
        string? workflowTrace = null;
        var kind = request.Kind;
        InstanceHeader? header = null;
        if (request.BookmarkId is not null)
        {
            // The reader is closed before the next statement: PostgreSQL runs one command at a time per connection.
            string? instanceId = null;
            using (var reader = batch.Query("""SELECT "InstanceId", "NodeId", "Kind", "TraceParent" FROM "Bookmarks" WHERE "Id" = $1""", request.BookmarkId))
            {
                if (reader.Read())
                {
                    (instanceId, bookmarkId, nodeId, kind) = (reader.GetString(0), request.BookmarkId, reader.GetString(1), reader.GetString(2));
                    workflowTrace = reader.IsDBNull(3) ? null : reader.GetString(3);
                }
            }

            if (instanceId is null)
            {
                return Reject(batch, request, null, $"bookmark {request.BookmarkId} does not exist or was already resumed");
            }

            header = ReadHeader(batch, instanceId);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(kind)) return Reject(batch, request, null, "a resume needs a bookmark id, or a bookmark kind with an instance id or business key");
            if (request.InstanceId is not null)
            {
                header = ReadHeader(batch, request.InstanceId);
                if (header is null) return Reject(batch, request, null, $"no workflow instance {request.InstanceId}");
            }
            else if (request.BusinessKey is not null)
            {
                var id = batch.Scalar("""SELECT "Id" FROM "Instances" WHERE "BusinessKey" = $1""", request.BusinessKey) as string;
                header = id is null ? null : ReadHeader(batch, id);
            }
            else
            {
                return Reject(batch, request, null, "a resume needs a bookmark id, an instance id or a business key");
            }
        }

        if (header is { Status: WorkflowStatus.Completed or WorkflowStatus.Cancelled })
        {
            return Reject(batch, request, header.Id, $"the workflow instance is {header.Status.ToString().ToLowerInvariant()}; nothing waits for this resume");
        }

        if (bookmarkId is null && header is not null)
        {
            using var reader = batch.Query(
                """SELECT "Id", "NodeId", "TraceParent" FROM "Bookmarks" WHERE "InstanceId" = $1 AND "Kind" = $2 ORDER BY "CreatedAt", "Id" LIMIT 1""",
                header.Id, kind);
            if (reader.Read()) (bookmarkId, nodeId, workflowTrace) = (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        // The resume's span belongs to the caller's trace (a reviewer's decision request) and links to the workflow's;
        // the step it wakes continues the workflow's trace and links back to this span.
        var waiting = TraceParent.Parse(workflowTrace);
        using var span = EngineTelemetry.Source.StartActivity("workflow resume", ActivityKind.Internal, batch.Caller,
            links: waiting == default ? null : [new ActivityLink(waiting)]);
        span?.SetTag(EngineSpanTags.InstanceId, header?.Id).SetTag(EngineSpanTags.BookmarkKind, kind).SetTag(EngineSpanTags.Delivered, bookmarkId is not null && header is not null);
        var resumeTrace = TraceParent.Of(span, batch.Caller);

        if (bookmarkId is null || header is null)
        {
            batch.Scalar(InsertResumeSql, request.RequestId, header?.Id, header?.BusinessKey ?? request.BusinessKey, kind, null,
                ToJson(request.Payload), request.Actor, (int)ResumeState.Pending, null, batch.NowMs, null, resumeTrace);
            return new ResumeResult(ResumeOutcome.Kept, request.RequestId, header?.Id, null, null, false);
        }

        var resumeId = (long)batch.Scalar(InsertResumeSql, request.RequestId, header.Id, header.BusinessKey, kind, bookmarkId,
            ToJson(request.Payload), request.Actor, (int)ResumeState.Delivered, null, batch.NowMs, batch.NowMs, resumeTrace)!;
        batch.Execute("""DELETE FROM "Bookmarks" WHERE "Id" = $1""", bookmarkId);
        batch.Execute("""DELETE FROM "WorkItems" WHERE "BookmarkId" = $1""", bookmarkId);
        batch.Scalar(InsertWorkItemSql, header.Id, nodeId, (int)WorkItemKind.Resume, 1, batch.NowMs, null, null, 0, null, resumeId, workflowTrace);
        var journal = new JournalWriter(batch, header.Id, header.NextJournalSequence);
        journal.Append(JournalTypes.Resumed, batch.Now, nodeId, ActivityTypeOf(batch, header, nodeId), actor: request.Actor,
            detail: $"{kind} bookmark {bookmarkId}; request {request.RequestId}; payload {SummarizePayload(request.Payload)}");
        journal.Flush();
        batch.Execute(
            """UPDATE "Instances" SET "Status" = 0, "UpdatedAt" = $1, "NextJournalSequence" = $2, "Version" = "Version" + 1 WHERE "Id" = $3""",
            batch.NowMs, journal.NextSequence, header.Id);
        batch.Publish(new BookmarkResumed(header.Id, header.BusinessKey, batch.Now, bookmarkId, kind!, request.Actor));
        batch.Publish(new InstanceChanged(header.Id, header.BusinessKey, batch.Now, header.DefinitionId, header.DefinitionVersion, WorkflowStatus.Running, nodeId));
        batch.OnCommitted(_signal.Notify);
        return new ResumeResult(ResumeOutcome.Delivered, request.RequestId, header.Id, bookmarkId, null, false);
    }

    internal static ResumeResult? FindResume(WorkflowTransaction batch, string requestId)
    {
        using var reader = batch.Query(
            """SELECT "State", "InstanceId", "BookmarkId", "Message" FROM "ResumeRequests" WHERE "RequestId" = $1""", requestId);
        if (!reader.Read()) return null;
        var outcome = (ResumeState)reader.GetInt32(0) switch
        {
            ResumeState.Delivered => ResumeOutcome.Delivered,
            ResumeState.Rejected => ResumeOutcome.Rejected,
            _ => ResumeOutcome.Kept,
        };
        return new ResumeResult(outcome, requestId, reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), Duplicate: true);
    }

    private static ResumeResult Reject(WorkflowTransaction batch, ResumeRequest request, string? instanceId, string message)
    {
        // Remembered, so that repeating the request id gives the same answer.
        batch.Scalar(InsertResumeSql, request.RequestId, instanceId, request.BusinessKey, request.Kind, request.BookmarkId,
            null, request.Actor, (int)ResumeState.Rejected, message, batch.NowMs, null, null);
        return new ResumeResult(ResumeOutcome.Rejected, request.RequestId, instanceId, request.BookmarkId, message, false);
    }

    /// <summary>
    /// A journal-safe summary of a payload: its field names, with values only for booleans, numbers
    /// and short single-word strings (labels like "approve"); free text may hold PII and is left out.
    /// </summary>
    internal static string SummarizePayload(JsonNode? payload)
    {
        if (payload is not JsonObject obj) return payload is null ? "none" : payload.GetValueKind().ToString().ToLowerInvariant();
        var summary = new StringBuilder("{");
        foreach (var (name, value) in obj)
        {
            if (summary.Length > 1) summary.Append(", ");
            summary.Append(name);
            var shown = value?.GetValueKind() switch
            {
                JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => value!.ToJsonString(),
                JsonValueKind.String when value!.AsValue().TryGetValue<string>(out var s) && s.Length <= 32 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') => s,
                _ => null,
            };
            if (shown is not null) summary.Append('=').Append(shown);
        }

        return summary.Append('}').ToString();
    }
}
