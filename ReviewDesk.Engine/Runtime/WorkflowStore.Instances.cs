using System.Diagnostics;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Telemetry;

namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    private const string InsertInstanceSql = """
        INSERT INTO "Instances" ("Id", "DefinitionId", "DefinitionVersion", "BusinessKey", "Status", "Input", "Variables", "Outputs",
            "CurrentNodeId", "Version", "NextJournalSequence", "CreatedAt", "UpdatedAt")
        VALUES ($1, $2, $3, $4, 0, $5, '{}', '{}', $6, 1, $8, $7, $7)
        ON CONFLICT ("BusinessKey") DO NOTHING
        """;

    internal const int FirstJournalSequence = 1;

    // The version a start without one runs: read inside the write by Start, and outside it to prepare an eager start.
    private const string LatestPublishedSql = """SELECT MAX("Version") FROM "Definitions" WHERE "DefinitionId" = $1 AND "Status" = 1""";

    /// <summary>
    /// Starts an instance on the latest published version (or the one asked for) unless one with the
    /// business key exists. Null when there is no such published version.
    /// </summary>
    public Task<StartWorkflowResult?> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken) =>
        WriteAsync(batch => Start(batch, request), cancellationToken);

    /// <summary>
    /// Starts an instance inside <paramref name="batch"/> (see <see cref="StartAsync"/>); wakes the worker once it committed.
    /// With a <paramref name="prepared"/> first step that fits (the same request, and the version it ran on is still the
    /// one to start), the step's checkpoint is written at the end of the caller's write instead of the first work item.
    /// </summary>
    internal StartWorkflowResult? Start(WorkflowTransaction batch, StartWorkflowRequest request, PreparedStart? prepared = null)
    {
        var version = request.Version is { } asked
            ? batch.Scalar("""SELECT "Version" FROM "Definitions" WHERE "DefinitionId" = $1 AND "Version" = $2 AND "Status" <> 0""", request.DefinitionId, asked)
            : batch.Scalar(LatestPublishedSql, request.DefinitionId);
        if (version is not long number) return null;
        var eager = prepared is not null && ReferenceEquals(prepared.Request, request) && prepared.DefinitionVersion == number ? prepared : null;
        if (prepared is not null && eager is null && request.Version is null)
        {
            // A version published since the cached reading: the next preparation runs on this one.
            batch.OnCommitted(() => _latestPublished[request.DefinitionId] = (int)number);
        }

        var definition = DefinitionIn(batch, request.DefinitionId, (int)number);

        var id = prepared?.InstanceId ?? NewInstanceId();
        var startNode = definition.StartNodeId!;
        // The instance row already counts the two journal entries written below.
        if (batch.Execute(InsertInstanceSql, id, definition.Id, number, request.BusinessKey, ToJson(request.Input), startNode, batch.NowMs, FirstJournalSequence + 2) == 0)
        {
            using var existing = batch.Query("""SELECT "Id", "DefinitionId", "DefinitionVersion" FROM "Instances" WHERE "BusinessKey" = $1""", request.BusinessKey);
            existing.Read();
            return new StartWorkflowResult(existing.GetString(0), false, existing.GetString(1), existing.GetInt32(2));
        }

        var journal = new JournalWriter(batch, id, FirstJournalSequence);
        journal.Append(JournalTypes.Started, batch.Now, actor: request.Actor, detail: $"{definition.Id} v{number}");
        journal.Append(JournalTypes.ActivityScheduled, batch.Now, startNode, definition.FindNode(startNode)?.Type, attempt: 1, actor: request.Actor);
        journal.Flush();
        batch.OnCommitted(() => _metrics.Started(definition.Id));
        if (eager is not null)
        {
            // The step continues the trace its preparation started (the workflow's span, under the caller's).
            batch.AtEndOfWrite(() => ApplyEagerStep(batch, eager.Plan, eager.Owner));
            return new StartWorkflowResult(id, true, definition.Id, (int)number) { PreparedStepTaken = true };
        }

        // The workflow's span, a child of the caller's (the submission): every step of the instance continues its trace.
        using var span = EngineTelemetry.Source.StartActivity("workflow start", ActivityKind.Internal, batch.Caller);
        span?.SetTag(EngineSpanTags.InstanceId, id).SetTag(EngineSpanTags.BusinessKey, request.BusinessKey)
            .SetTag(EngineSpanTags.DefinitionId, definition.Id).SetTag(EngineSpanTags.DefinitionVersion, number);
        batch.Scalar(InsertWorkItemSql, id, startNode, (int)WorkItemKind.Execute, 1, batch.NowMs, null, null, 0, null, null, TraceParent.Of(span, batch.Caller));
        batch.Publish(new InstanceChanged(id, request.BusinessKey, batch.Now, definition.Id, (int)number, WorkflowStatus.Running, startNode));
        batch.OnCommitted(_signal.Notify);
        return new StartWorkflowResult(id, true, definition.Id, (int)number);
    }

    /// <summary>
    /// The latest published version of <paramref name="definitionId"/> as this process last saw it, for preparing a start
    /// outside the write (<see cref="WorkflowRuntime.PrepareStartAsync"/>). It may be stale: <see cref="Start"/> checks it
    /// inside the write, drops a preparation on another version, and corrects the reading.
    /// </summary>
    internal async ValueTask<int?> LatestPublishedVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        if (_latestPublished.TryGetValue(definitionId, out var known)) return known;
        // An integer column: SQLite reads it as a long, PostgreSQL as an int.
        if (await ReadScalarAsync(LatestPublishedSql, cancellationToken, definitionId) is not { } value) return null;
        return _latestPublished[definitionId] = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A new instance id.</summary>
    internal string NewInstanceId() => _ids.NewId("wf_");

    /// <summary>Cancels an unfinished instance: its work, bookmarks and pending resumes are removed.</summary>
    public Task<OperationResult> CancelAsync(string instanceId, string? actor, string? reason, CancellationToken cancellationToken) =>
        WriteAsync(batch => Cancel(batch, instanceId, actor, reason), cancellationToken);

    /// <summary>Cancels an instance inside <paramref name="batch"/> (see <see cref="CancelAsync"/>).</summary>
    internal OperationResult Cancel(WorkflowTransaction batch, string instanceId, string? actor, string? reason)
    {
        if (ReadHeader(batch, instanceId) is not { } header) return OperationResult.NotFound;
        if (header.Status is WorkflowStatus.Completed or WorkflowStatus.Cancelled) return OperationResult.Finished(header.Status);

        batch.Execute("""DELETE FROM "WorkItems" WHERE "InstanceId" = $1""", instanceId);
        batch.Execute("""DELETE FROM "Bookmarks" WHERE "InstanceId" = $1""", instanceId);
        batch.Execute(
            """UPDATE "ResumeRequests" SET "State" = 2, "Message" = 'the instance was cancelled' WHERE "InstanceId" = $1 AND "State" = 0""",
            instanceId);
        batch.Execute("""UPDATE "Incidents" SET "ResolvedAt" = $1 WHERE "InstanceId" = $2 AND "ResolvedAt" IS NULL""", batch.NowMs, instanceId);
        var journal = new JournalWriter(batch, instanceId, header.NextJournalSequence);
        journal.Append(JournalTypes.Cancelled, batch.Now, actor: actor, detail: reason);
        journal.Flush();
        batch.Execute(
            """UPDATE "Instances" SET "Status" = 4, "FinishedAt" = $1, "UpdatedAt" = $1, "NextJournalSequence" = $2, "Version" = "Version" + 1 WHERE "Id" = $3""",
            batch.NowMs, journal.NextSequence, instanceId);
        batch.Publish(new InstanceChanged(instanceId, header.BusinessKey, batch.Now, header.DefinitionId, header.DefinitionVersion, WorkflowStatus.Cancelled, header.CurrentNodeId));
        Announce(batch, new InstanceTransition(InstanceTransitionKind.Cancelled, instanceId, header.BusinessKey, header.DefinitionId,
            header.DefinitionVersion, header.CurrentNodeId, actor, reason, batch.Now));
        batch.OnCommitted(() => _metrics.Cancelled(header.DefinitionId));
        return OperationResult.Done;
    }

    /// <summary>Retries a faulted instance from the node that failed, with a fresh attempt count.</summary>
    public Task<OperationResult> RetryAsync(string instanceId, string? actor, CancellationToken cancellationToken) =>
        WriteAsync(batch => Retry(batch, instanceId, actor), cancellationToken);

    /// <summary>Retries a faulted instance inside <paramref name="batch"/> (see <see cref="RetryAsync"/>); wakes the worker once it committed.</summary>
    internal OperationResult Retry(WorkflowTransaction batch, string instanceId, string? actor)
    {
        if (ReadHeader(batch, instanceId) is not { } header) return OperationResult.NotFound;
        if (header.Status != WorkflowStatus.Faulted || header.FaultedNodeId is null) return OperationResult.NotFaulted(header.Status);

        // A retry is the operator's: its steps continue the trace of the operator's request.
        using var span = EngineTelemetry.Source.StartActivity("workflow retry", ActivityKind.Internal, batch.Caller);
        span?.SetTag(EngineSpanTags.InstanceId, instanceId).SetTag(EngineSpanTags.NodeId, header.FaultedNodeId);
        batch.Scalar(InsertWorkItemSql, instanceId, header.FaultedNodeId, (int)WorkItemKind.Execute, 1, batch.NowMs, null, null, 0, null, null, TraceParent.Of(span, batch.Caller));
        batch.Execute("""UPDATE "Incidents" SET "ResolvedAt" = $1 WHERE "InstanceId" = $2 AND "ResolvedAt" IS NULL""", batch.NowMs, instanceId);
        var journal = new JournalWriter(batch, instanceId, header.NextJournalSequence);
        var activityType = ActivityTypeOf(batch, header, header.FaultedNodeId);
        journal.Append(JournalTypes.Retried, batch.Now, header.FaultedNodeId, activityType, actor: actor);
        journal.Append(JournalTypes.ActivityScheduled, batch.Now, header.FaultedNodeId, activityType, attempt: 1, actor: actor);
        journal.Flush();
        batch.Execute(
            """UPDATE "Instances" SET "Status" = 0, "FaultedNodeId" = NULL, "Error" = NULL, "CurrentNodeId" = $1, "UpdatedAt" = $2, "NextJournalSequence" = $3, "Version" = "Version" + 1 WHERE "Id" = $4""",
            header.FaultedNodeId, batch.NowMs, journal.NextSequence, instanceId);
        batch.Publish(new InstanceChanged(instanceId, header.BusinessKey, batch.Now, header.DefinitionId, header.DefinitionVersion, WorkflowStatus.Running, header.FaultedNodeId));
        Announce(batch, new InstanceTransition(InstanceTransitionKind.Retried, instanceId, header.BusinessKey, header.DefinitionId,
            header.DefinitionVersion, header.FaultedNodeId, actor, null, batch.Now));
        batch.OnCommitted(_signal.Notify);
        return OperationResult.Done;
    }

    /// <summary>
    /// Deletes up to <paramref name="max"/> completed or cancelled instances finished before <paramref name="before"/>, with
    /// everything they own. When there is none (a read, without the write lock), it writes nothing: the retention job
    /// runs at every start and interval, and an empty write there was a commit for nothing (and an extra one in the
    /// commit counts of tests whose host had just started).
    /// </summary>
    public async Task<int> PurgeFinishedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var any = await ReadScalarAsync("""SELECT 1 FROM "Instances" WHERE "Status" IN (2, 4) AND "FinishedAt" < $1 LIMIT 1""",
            cancellationToken, before.ToUnixTimeMilliseconds());
        if (any is null) return 0;
        return await PurgeFinishedInWriteAsync(before, max, cancellationToken);
    }

    private Task<int> PurgeFinishedInWriteAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WriteAsync(batch =>
        {
            var ids = new List<string>();
            using (var reader = batch.Query(
                """SELECT "Id" FROM "Instances" WHERE "Status" IN (2, 4) AND "FinishedAt" < $1 LIMIT $2""",
                before.ToUnixTimeMilliseconds(), max))
            {
                while (reader.Read()) ids.Add(reader.GetString(0));
            }

            foreach (var id in ids)
            {
                foreach (var table in (string[])["Journal", "Executions", "Incidents", "ResumeRequests", "Bookmarks", "WorkItems"])
                {
                    batch.Execute($"""DELETE FROM "{table}" WHERE "InstanceId" = $1""", id);
                }

                batch.Execute("""DELETE FROM "Instances" WHERE "Id" = $1""", id);
            }

            return ids.Count;
        }, cancellationToken);

    /// <summary>Lets every <see cref="IWorkflowChangeHandler"/> write its part of <paramref name="transition"/> in the same transaction.</summary>
    private void Announce(WorkflowTransaction batch, InstanceTransition transition)
    {
        foreach (var handler in _handlers) handler.OnInstanceTransition(batch, transition);
    }

    /// <summary>The activity type of a node of the instance's definition version (journal entries name both).</summary>
    private string? ActivityTypeOf(WorkflowTransaction batch, InstanceHeader header, string? nodeId) =>
        nodeId is null ? null : DefinitionIn(batch, header.DefinitionId, header.DefinitionVersion).FindNode(nodeId)?.Type;

    /// <summary>A definition version, from the cache or read inside the current write.</summary>
    private WorkflowDefinition DefinitionIn(WorkflowTransaction batch, string definitionId, int version) =>
        _definitions.GetOrParse(definitionId, version, () => (string)batch.Scalar(
            """SELECT "Json" FROM "Definitions" WHERE "DefinitionId" = $1 AND "Version" = $2""", definitionId, version)!);

    private static InstanceHeader? ReadHeader(WorkflowTransaction batch, string instanceId)
    {
        using var reader = batch.Query(
            """SELECT "BusinessKey", "DefinitionId", "DefinitionVersion", "Status", "CurrentNodeId", "FaultedNodeId", "NextJournalSequence" FROM "Instances" WHERE "Id" = $1""",
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
