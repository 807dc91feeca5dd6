using System.Globalization;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Engine.Runtime;

internal sealed partial class WorkflowStore
{
    private const string FenceSql = """
        DELETE FROM "WorkItems" WHERE "Id" = $1 AND "LeaseOwner" = $2 AND "ClaimCount" = $3
        """;

    // The fence and the next step in one statement: the claimed row becomes the next work item, still
    // leased to this worker so it continues at once.
    private const string FenceAndContinueSql = """
        UPDATE "WorkItems" SET "NodeId" = $4, "Kind" = 0, "Attempt" = 1, "DueAt" = $5, "LeaseUntil" = $6, "ClaimCount" = 1,
            "BookmarkId" = NULL, "ResumeRequestId" = NULL
        WHERE "Id" = $1 AND "LeaseOwner" = $2 AND "ClaimCount" = $3
        """;

    // The fence and the retry in one statement: the claimed row becomes the next attempt, due later and unleased.
    private const string FenceAndRetrySql = """
        UPDATE "WorkItems" SET "Attempt" = "Attempt" + 1, "DueAt" = $4, "LeaseOwner" = NULL, "LeaseUntil" = NULL, "ClaimCount" = 0
        WHERE "Id" = $1 AND "LeaseOwner" = $2 AND "ClaimCount" = $3
        """;

    private const string UpdateInstanceSql = """
        UPDATE "Instances" SET "Status" = $1, "Variables" = $2, "Outputs" = $3, "CurrentNodeId" = $4,
            "FaultedNodeId" = $5, "Error" = $6, "NextJournalSequence" = $7, "UpdatedAt" = $8, "FinishedAt" = $9,
            "Version" = "Version" + 1
        WHERE "Id" = $10 AND "Version" = $11
        """;

    // Most steps leave the instance Running: this update leaves Status, FinishedAt, FaultedNodeId and
    // Error (and the indexes on them) alone.
    private const string UpdateRunningInstanceSql = """
        UPDATE "Instances" SET "Variables" = $1, "Outputs" = $2, "CurrentNodeId" = $3, "NextJournalSequence" = $4, "UpdatedAt" = $5,
            "Version" = "Version" + 1
        WHERE "Id" = $6 AND "Version" = $7
        """;

    private const string InsertExecutionSql = """
        INSERT INTO "Executions" ("InstanceId", "NodeId", "ActivityType", "Attempt", "Status", "Outcome", "Output",
            "ErrorKind", "Error", "Metrics", "Worker", "StartedAt", "FinishedAt")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """;

    private const string InsertWorkItemSql = """
        INSERT INTO "WorkItems" ("InstanceId", "NodeId", "Kind", "Attempt", "DueAt", "LeaseOwner", "LeaseUntil", "ClaimCount", "BookmarkId", "ResumeRequestId", "TraceParent")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        RETURNING "Id"
        """;

    private const string InsertBookmarkSql = """
        INSERT INTO "Bookmarks" ("Id", "InstanceId", "BusinessKey", "NodeId", "Kind", "Payload", "Deadline", "CreatedAt", "TraceParent")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        """;

    private const string IncidentSql = """
        INSERT INTO "Incidents" ("InstanceId", "NodeId", "ActivityType", "Attempt", "ErrorKind", "Message", "At")
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    private const string PendingResumeSql = """
        SELECT "Id", "RequestId", "Actor" FROM "ResumeRequests"
        WHERE "State" = 0 AND "Kind" = $1 AND ("InstanceId" = $2 OR ("InstanceId" IS NULL AND "BusinessKey" = $3))
        ORDER BY "Id" LIMIT 1
        """;

    /// <summary>
    /// Commits a step in one transaction, fenced by the claim: the attempt's checkpoint, the instance's
    /// new state, the journal, and the next work item or bookmark. Returns null when the fence failed
    /// (another worker or an operator took the work), in which case nothing was written.
    /// </summary>
    public Task<StepCommitResult?> CommitStepAsync(StepPlan plan, string owner, CancellationToken cancellationToken)
    {
        // Serialized by the caller (the worker), so the single writer does not spend its time on JSON.
        if (plan.VariablesJson is null || plan.OutputsJson is null) throw new ArgumentException("the plan's JSON was not made (StepPlan.Serialized)", nameof(plan));
        return WriteAsync(batch => ApplyStep(batch, plan, owner), cancellationToken);
    }

    private StepCommitResult? ApplyStep(WorkflowTransaction batch, StepPlan plan, string owner)
    {
        var work = plan.Work;
        var now = batch.Now;
        var leaseUntil = batch.NowMs + (long)LeaseDuration.TotalMilliseconds;
        var fenced = plan switch
        {
            { RetryDelay: { } retryDelay } => batch.Execute(FenceAndRetrySql, work.Id, owner, work.ClaimCount, (now + retryDelay).ToUnixTimeMilliseconds()),
            { NextNodeId: { } following } => batch.Execute(FenceAndContinueSql, work.Id, owner, work.ClaimCount, following, batch.NowMs, leaseUntil),
            _ => batch.Execute(FenceSql, work.Id, owner, work.ClaimCount),
        };
        return fenced == 1 ? Checkpoint(batch, plan, owner, leaseNext: true) : null;
    }

    /// <summary>
    /// The first step of an instance started in this transaction, run by the caller before it (an eager start, see
    /// <see cref="Activities.IEagerStartActivity"/>): the same checkpoint as a claimed step's, without a fence (no work item
    /// was ever written for it), and with its next work unleased, for whichever worker claims it.
    /// </summary>
    private void ApplyEagerStep(WorkflowTransaction batch, StepPlan plan, string owner)
    {
        Checkpoint(batch, plan, owner, leaseNext: false);
        batch.OnCommitted(() => _metrics.StepCommitted(plan));
    }

    // The step's checkpoint once its work is fenced: its effects, execution record, journal, the instance's new state, and
    // what comes next. With leaseNext, the next work is leased to owner, which goes on with it (the result's Next).
    private StepCommitResult Checkpoint(WorkflowTransaction batch, StepPlan plan, string owner, bool leaseNext)
    {
        var work = plan.Work;
        var now = batch.Now;
        var leaseUntil = batch.NowMs + (long)LeaseDuration.TotalMilliseconds;
        var before = plan.Before;
        // The activity's own writes come first, inside the fence: if one throws, the whole step rolls back.
        foreach (var effect in plan.Effects) effect(batch);
        var journal = new JournalWriter(batch, before.Id, before.NextJournalSequence);

        if (work.Kind == WorkItemKind.Execute)
        {
            journal.Append(JournalTypes.ActivityStarted, plan.StartedAt, work.NodeId, plan.ActivityType, work.Attempt, owner);
        }
        else if (work.Kind == WorkItemKind.Timer)
        {
            batch.Execute("""DELETE FROM "Bookmarks" WHERE "Id" = $1""", work.BookmarkId);
            journal.Append(JournalTypes.TimerFired, plan.StartedAt, work.NodeId, plan.ActivityType, actor: owner, detail: $"bookmark {work.BookmarkId}");
        }

        batch.Execute(InsertExecutionSql, before.Id, work.NodeId, plan.ActivityType, work.Attempt, plan.ExecutionStatus,
            plan.Outcome, plan.OutputJson, plan.ErrorKind, plan.Error, plan.MetricsJson, owner,
            plan.StartedAt.ToUnixTimeMilliseconds(), plan.FinishedAt.ToUnixTimeMilliseconds());
        foreach (var (type, detail) in plan.ExtraJournal)
        {
            journal.Append(type, plan.FinishedAt, work.NodeId, plan.ActivityType, work.Attempt, owner, detail);
        }

        var status = WorkflowStatus.Running;
        var currentNode = work.NodeId;
        string? faultedNode = null;
        string? error = null;
        DateTimeOffset? finishedAt = null;
        ClaimedWork? next = null;

        if (plan.Outcome is not null)
        {
            journal.Append(JournalTypes.ActivityCompleted, plan.FinishedAt, work.NodeId, plan.ActivityType, work.Attempt, owner,
                plan.MetricsJson is null ? $"outcome {plan.Outcome}" : $"outcome {plan.Outcome}; {plan.MetricsJson}");
        }
        else if (plan.ErrorKind is not null)
        {
            journal.Append(JournalTypes.ActivityFailed, plan.FinishedAt, work.NodeId, plan.ActivityType, work.Attempt, owner, $"{plan.ErrorKind}: {plan.Error}");
        }

        // The nodes that ran inline: the same records as a step of their own (scheduled, started, executed, completed).
        var (lastNode, lastType) = (work.NodeId, plan.ActivityType);
        foreach (var step in plan.Inline)
        {
            journal.Append(JournalTypes.ActivityScheduled, now, step.NodeId, step.ActivityType, attempt: 1, actor: owner);
            foreach (var effect in step.Effects) effect(batch);
            journal.Append(JournalTypes.ActivityStarted, step.StartedAt, step.NodeId, step.ActivityType, 1, owner);
            batch.Execute(InsertExecutionSql, before.Id, step.NodeId, step.ActivityType, 1, step.Outcome is null ? "Suspended" : "Completed",
                step.Outcome, step.OutputJson, null, null, step.MetricsJson, owner,
                step.StartedAt.ToUnixTimeMilliseconds(), step.FinishedAt.ToUnixTimeMilliseconds());
            foreach (var (type, detail) in step.ExtraJournal)
            {
                journal.Append(type, step.FinishedAt, step.NodeId, step.ActivityType, 1, owner, detail);
            }

            if (step.Outcome is not null)
            {
                journal.Append(JournalTypes.ActivityCompleted, step.FinishedAt, step.NodeId, step.ActivityType, 1, owner,
                    step.MetricsJson is null ? $"outcome {step.Outcome}" : $"outcome {step.Outcome}; {step.MetricsJson}");
            }

            (lastNode, lastType) = (step.NodeId, step.ActivityType);
        }

        if (plan.Incident)
        {
            batch.Execute(IncidentSql, before.Id, work.NodeId, plan.ActivityType, work.Attempt, plan.ErrorKind, plan.Error ?? "", batch.NowMs);
            journal.Append(JournalTypes.Incident, now, work.NodeId, plan.ActivityType, work.Attempt, owner, $"{plan.ErrorKind}: {plan.Error}");
            batch.Publish(new IncidentRecorded(before.Id, before.BusinessKey, now, work.NodeId, plan.ErrorKind!, plan.Error ?? ""));
        }

        if (plan.RetryDelay is { } delay)
        {
            journal.Append(JournalTypes.RetryScheduled, now, work.NodeId, plan.ActivityType, work.Attempt + 1, owner,
                $"attempt {work.Attempt + 1} in {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        else if (plan.NextNodeId is { } nextNode)
        {
            currentNode = nextNode;
            if (leaseNext)
            {
                // The fence turned the claimed row into this work item.
                next = new ClaimedWork(work.Id, before.Id, nextNode, WorkItemKind.Execute, 1, 1, null, null, work.TraceParent);
            }
            else
            {
                batch.Scalar(InsertWorkItemSql, before.Id, nextNode, (int)WorkItemKind.Execute, 1, batch.NowMs, null, null, 0, null, null, work.TraceParent);
                batch.OnCommitted(_signal.Notify);
            }

            journal.Append(JournalTypes.ActivityScheduled, now, nextNode, plan.NextActivityType, attempt: 1, actor: owner);
        }
        else if (plan.Bookmark is { } bookmark)
        {
            currentNode = lastNode;
            (status, next) = Suspend(batch, plan, lastNode, lastType, bookmark, journal, owner, leaseNext ? leaseUntil : null);
        }
        else if (plan.Fault)
        {
            status = WorkflowStatus.Faulted;
            faultedNode = work.NodeId;
            error = $"{plan.ErrorKind}: {plan.Error}";
            journal.Append(JournalTypes.Faulted, now, work.NodeId, plan.ActivityType, work.Attempt, owner, error);
            Announce(batch, new InstanceTransition(InstanceTransitionKind.Faulted, before.Id, before.BusinessKey, before.DefinitionId,
                before.DefinitionVersion, work.NodeId, owner, error, now));
        }
        else if (plan.Complete)
        {
            status = WorkflowStatus.Completed;
            finishedAt = now;
            currentNode = lastNode;
            journal.Append(JournalTypes.Completed, now, lastNode, lastType, actor: owner);
        }

        journal.Flush();
        var updated = status == WorkflowStatus.Running && before.Status == WorkflowStatus.Running
            ? batch.Execute(UpdateRunningInstanceSql, plan.VariablesJson, plan.OutputsJson, currentNode, journal.NextSequence, batch.NowMs, before.Id, before.Version)
            : batch.Execute(UpdateInstanceSql, (int)status, plan.VariablesJson, plan.OutputsJson, currentNode, faultedNode, error,
                journal.NextSequence, batch.NowMs, finishedAt?.ToUnixTimeMilliseconds(), before.Id, before.Version);
        if (updated != 1)
        {
            throw new InstanceConflictException(before.Id);
        }

        batch.Publish(new InstanceChanged(before.Id, before.BusinessKey, now, before.DefinitionId, before.DefinitionVersion, status, currentNode));
        var after = new InstanceState
        {
            Id = before.Id,
            BusinessKey = before.BusinessKey,
            DefinitionId = before.DefinitionId,
            DefinitionVersion = before.DefinitionVersion,
            Status = status,
            Input = before.Input,
            Variables = plan.Variables,
            Outputs = plan.Outputs,
            Version = before.Version + 1,
            NextJournalSequence = journal.NextSequence,
        };
        return new StepCommitResult(after, next);
    }

    private (WorkflowStatus Status, ClaimedWork? Next) Suspend(
        WorkflowTransaction batch, StepPlan plan, string node, string activityType, BookmarkRequest bookmark, JournalWriter journal, string owner, long? leaseUntil)
    {
        var before = plan.Before;
        var now = batch.Now;
        var bookmarkId = _ids.NewId("bm_");
        var deadline = bookmark.Deadline is { } d ? $"; deadline {d:O}" : "";
        journal.Append(JournalTypes.Suspended, now, node, activityType, actor: owner, detail: $"{bookmark.Kind} bookmark {bookmarkId}{deadline}");
        batch.Publish(new BookmarkCreated(before.Id, before.BusinessKey, now, bookmarkId, node, bookmark.Kind, bookmark.Deadline));

        // A resume that arrived before this bookmark existed is delivered now, in the same transaction.
        long? pendingId = null;
        string? requestId = null;
        string? actor = null;
        using (var reader = batch.Query(PendingResumeSql, bookmark.Kind, before.Id, before.BusinessKey))
        {
            if (reader.Read())
            {
                pendingId = reader.GetInt64(0);
                requestId = reader.GetString(1);
                actor = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        if (pendingId is { } resumeId)
        {
            batch.Execute(
                """UPDATE "ResumeRequests" SET "State" = 1, "InstanceId" = $1, "BookmarkId" = $2, "DeliveredAt" = $3 WHERE "Id" = $4""",
                before.Id, bookmarkId, batch.NowMs, resumeId);
            journal.Append(JournalTypes.Resumed, now, node, activityType, actor: actor, detail: $"{bookmark.Kind} bookmark {bookmarkId}; early request {requestId}");
            batch.Publish(new BookmarkResumed(before.Id, before.BusinessKey, now, bookmarkId, bookmark.Kind, actor));
            return (WorkflowStatus.Running, Schedule(batch, before.Id, node, WorkItemKind.Resume, owner, leaseUntil, plan.Work.TraceParent, resumeRequestId: resumeId));
        }

        batch.Execute(InsertBookmarkSql, bookmarkId, before.Id, before.BusinessKey, node, bookmark.Kind,
            ToJson(bookmark.Payload), bookmark.Deadline?.ToUnixTimeMilliseconds(), batch.NowMs, plan.Work.TraceParent);
        if (bookmark.Deadline is { } due)
        {
            batch.Scalar(InsertWorkItemSql, before.Id, node, (int)WorkItemKind.Timer, 1, due.ToUnixTimeMilliseconds(), null, null, 0, bookmarkId, null, plan.Work.TraceParent);
        }

        return (WorkflowStatus.Suspended, null);
    }

    /// <summary>
    /// Inserts a work item due now, leased to <paramref name="owner"/> until <paramref name="leaseUntil"/> so the worker
    /// continues with it directly; without a lease, it is for whichever worker claims it (null is returned, and the workers woken).
    /// </summary>
    private ClaimedWork? Schedule(WorkflowTransaction batch, string instanceId, string nodeId, WorkItemKind kind, string owner, long? leaseUntil,
        string? traceParent, long? resumeRequestId = null)
    {
        if (leaseUntil is null)
        {
            batch.Scalar(InsertWorkItemSql, instanceId, nodeId, (int)kind, 1, batch.NowMs, null, null, 0, null, resumeRequestId, traceParent);
            batch.OnCommitted(_signal.Notify);
            return null;
        }

        var id = (long)batch.Scalar(InsertWorkItemSql, instanceId, nodeId, (int)kind, 1, batch.NowMs, owner, leaseUntil, 1, null, resumeRequestId, traceParent)!;
        return new ClaimedWork(id, instanceId, nodeId, kind, 1, 1, null, resumeRequestId, traceParent);
    }
}

/// <summary>The instance after a committed step, and the work this worker leased to continue with.</summary>
internal sealed record StepCommitResult(InstanceState After, ClaimedWork? Next);

/// <summary>The instance changed under a step (an operator acted meanwhile); the step is rolled back and runs again.</summary>
internal sealed class InstanceConflictException(string instanceId)
    : Exception($"Instance {instanceId} changed while a step ran; the step will run again.");
