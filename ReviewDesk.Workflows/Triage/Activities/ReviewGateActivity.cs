using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Waits for a reviewer on an <c>approval</c> bookmark with a deadline. When the deadline passes the
/// ticket is escalated, its priority raised one step, and it keeps waiting. A decision approves
/// (edited labels override the AI's) or rejects. Every ticket change, audit entry and comment of a
/// decision or escalation is enlisted in the step, so it commits with the workflow's move: the ticket is
/// AwaitingReview exactly when its approval bookmark exists, and a decision is applied and audited once.
/// Reaching the gate needs no I/O (the status change is enlisted, the wait is a bookmark), so it runs inline, in the
/// step before it (<see cref="IInlineActivity"/>); a decision and a deadline resume it as steps of their own.
/// </summary>
public sealed class ReviewGateActivity(PiiAnonymizer anonymizer, ReviewEvents events) : IActivityType, IInlineActivity
{
    /// <summary>Outcome of an approval.</summary>
    public const string Approved = "Approved";
    /// <summary>Outcome of a rejection.</summary>
    public const string Rejected = "Rejected";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "ReviewGate",
        DisplayName = "Human review",
        Description = "Waits for a reviewer to approve, edit or reject; escalates and raises the priority when the deadline passes or a reviewer escalates.",
        Category = "Human",
        Outcomes = [Approved, Rejected],
        Settings =
        [
            new() { Name = "deadline", Label = "Deadline", Kind = SettingKind.Duration, Default = "1.00:00:00", Minimum = 60, Description = "Time a reviewer has before the ticket escalates." },
            Notifications.DeadlineNotices.SettingEntry,
        ],
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(AwaitReview(context));

    /// <inheritdoc />
    public ActivityResult? TryRunInline(ActivityContext context) => AwaitReview(context);

    // Marks the ticket AwaitingReview (with the reasons) and waits on the approval bookmark until the deadline.
    private static ActivityResult AwaitReview(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<string> reasons = [.. context.Get(TriageDefinitions.Variables.Review)?.Reasons ?? []];
        // Reached through a Failed connection: say why the AI step gave up.
        if (context.Outputs.Select(o => o.Value?["error"]?.GetValue<string>()).FirstOrDefault(e => e is not null && !Notifications.NotifyActivity.ErrorKinds.Contains(e)) is { } error)
        {
            reasons.Add($"classification_failed:{error}");
        }

        var deadline = context.Time.GetUtcNow() + Deadline(context);
        context.Enlist(tx => TicketWriter.AwaitingReview(tx, context.BusinessKey, reasons, deadline));
        return Wait(context, deadline);
    }

    /// <inheritdoc />
    public ValueTask<ActivityResult> OnDeadlineAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Notifications.DeadlineNotices.Enlist(context);
        return ValueTask.FromResult(Escalate(context, "review deadline passed", decision: null));
    }

    /// <inheritdoc />
    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = context.Resume?.PayloadAs<TicketDecision>()
            ?? throw new ActivityException("InvalidDecision", "a review decision needs a payload", nonRetryable: true);
        return ValueTask.FromResult(decision.Action switch
        {
            ReviewDecision.Escalate => Escalate(context,
                // The journal keeps summaries, not free text: the comment stays with the ticket's comments.
                $"escalated by {decision.Reviewer}{(string.IsNullOrWhiteSpace(decision.Comment) ? "" : " with a comment")}", decision),
            ReviewDecision.Reject => Reject(context, decision),
            ReviewDecision.Approve => Approve(context, decision),
            _ => throw new ActivityException("InvalidDecision", $"unknown review action '{decision.Action}'", nonRetryable: true),
        });
    }

    /// <summary>Raises the priority one step, marks the ticket escalated with a fresh deadline, and keeps waiting.</summary>
    private ActivityResult Escalate(ActivityContext context, string why, TicketDecision? decision)
    {
        var before = context.Get(TriageDefinitions.Variables.FinalPriority) ?? "P3";
        var raised = Raise(before);
        context.Set(TriageDefinitions.Variables.FinalPriority, raised);
        var deadline = context.Time.GetUtcNow() + Deadline(context);
        context.Journal("Escalated", $"{why}; priority {before} -> {raised}");
        var category = context.Get(TriageDefinitions.Variables.FinalCategory);
        var (actor, cause, key) = decision is not null
            ? (decision.Reviewer, "reviewer", $"review:{context.BusinessKey}:{decision.RequestId}")
            : (AuditActions.SystemActor, "deadline", $"deadline:{context.BusinessKey}:{context.Bookmark?.BookmarkId ?? context.InstanceId}:{context.Bookmark?.Deadline.ToUnixTimeMilliseconds()}");
        var audit = AuditEntry(context, AuditActions.Escalate, actor, key, new JsonObject
        {
            ["cause"] = cause,
            ["before"] = Labels(category, before),
            ["after"] = Labels(category, raised),
            ["deadline"] = deadline,
        }, decision?.Comment);
        context.Enlist(tx =>
        {
            // A reviewer's escalation hands the ticket up: it goes back to the queue unclaimed for a senior reviewer.
            TicketWriter.Escalated(tx, context.BusinessKey, raised, deadline, releaseClaim: decision is not null);
            AuditLog.Append(tx, audit);
            if (decision is not null) Conclude(tx, context, decision);
        });
        return Wait(context, deadline);
    }

    private ActivityResult Reject(ActivityContext context, TicketDecision decision)
    {
        var audit = AuditEntry(context, AuditActions.Reject, decision.Reviewer, $"review:{context.BusinessKey}:{decision.RequestId}", new JsonObject
        {
            ["before"] = Labels(context.Get(TriageDefinitions.Variables.FinalCategory), context.Get(TriageDefinitions.Variables.FinalPriority)),
            ["after"] = null,
            ["requestId"] = decision.RequestId,
        }, decision.Comment);
        context.Enlist(tx =>
        {
            TicketWriter.Rejected(tx, context.BusinessKey, decision);
            AuditLog.Append(tx, audit);
            Conclude(tx, context, decision);
        });
        return ActivityResult.Outcome(Rejected, decision);
    }

    private ActivityResult Approve(ActivityContext context, TicketDecision decision)
    {
        var classification = context.Get(TriageDefinitions.Variables.Classification);
        var aiCategory = context.Get(TriageDefinitions.Variables.FinalCategory);
        var aiPriority = context.Get(TriageDefinitions.Variables.FinalPriority);
        var category = decision.Category ?? aiCategory ?? "general_inquiry";
        var priority = decision.Priority ?? aiPriority ?? "P3";
        if (!TicketLabels.Categories.Contains(category) || !TicketLabels.Priorities.Contains(priority))
        {
            throw new ActivityException("InvalidDecision", "the decision's labels are not known labels", nonRetryable: true);
        }

        var edited = category != aiCategory || priority != aiPriority;
        if (edited)
        {
            context.Journal("LabelsEdited", $"by {decision.Reviewer}: category {aiCategory ?? "none"} -> {category}; priority {aiPriority ?? "none"} -> {priority}");
        }

        context.Set(TriageDefinitions.Variables.FinalCategory, category);
        context.Set(TriageDefinitions.Variables.FinalPriority, priority);
        context.Set(TriageDefinitions.Variables.Reviewed, true);
        var audit = AuditEntry(context, AuditActions.Approve, decision.Reviewer, $"review:{context.BusinessKey}:{decision.RequestId}", new JsonObject
        {
            ["before"] = Labels(aiCategory, aiPriority),
            ["after"] = Labels(category, priority),
            ["edited"] = edited,
            ["requestId"] = decision.RequestId,
        }, decision.Comment);
        context.Enlist(tx =>
        {
            TicketWriter.Approved(tx, context.BusinessKey, decision, category, priority);
            // The decision is a labelled example for the next retrain, committed with it.
            Ai.Learning.LabelledExampleWriter.Record(tx, context.BusinessKey, decision.Reviewer, category, priority, classification);
            AuditLog.Append(tx, audit);
            Conclude(tx, context, decision);
        });
        return ActivityResult.Outcome(Approved, decision);
    }

    /// <summary>A decision's comment joins the ticket's comments, and the decision is announced once it committed.</summary>
    private void Conclude(WorkflowTransaction tx, ActivityContext context, TicketDecision decision)
    {
        var comment = string.IsNullOrWhiteSpace(decision.Comment)
            ? null
            : TicketWriter.AddComment(tx, context.BusinessKey, decision.Reviewer, decision.Action, decision.Comment, decision.RequestId);
        var at = tx.Now;
        tx.OnCommitted(() =>
        {
            events.Publish(new TicketDecided(context.BusinessKey, decision.Action, decision.Reviewer, at));
            if (comment is not null) events.Publish(new TicketCommented(comment));
        });
    }

    /// <summary>A decision's or escalation's audit entry: labels before and after, the comment (PII scrubbed), the model and workflow behind the labels.</summary>
    private AuditEvent AuditEntry(ActivityContext context, string action, string actor, string key, JsonObject detail, string? comment)
    {
        var classification = context.Get(TriageDefinitions.Variables.Classification);
        // A reviewer may paste what a reveal showed: the trail keeps the comment with any PII replaced.
        detail["comment"] = string.IsNullOrWhiteSpace(comment) ? null : anonymizer.Anonymize(comment).Text;
        detail["confidence"] = classification?.Confidence;
        detail["model"] = new JsonObject
        {
            ["provider"] = classification?.Provider,
            ["model"] = classification?.Model,
            ["promptVersion"] = classification?.PromptVersion,
            ["modelVersion"] = classification?.ModelVersion,
        };
        detail["workflow"] = new JsonObject
        {
            ["definitionId"] = context.DefinitionId,
            ["version"] = context.DefinitionVersion,
            ["instanceId"] = context.InstanceId,
        };
        return new AuditEvent(actor, action, context.BusinessKey, Detail: detail, Key: key);
    }

    private static JsonObject Labels(string? category, string? priority) => new() { ["category"] = category, ["priority"] = priority };

    private static ActivityResult Wait(ActivityContext context, DateTimeOffset deadline) =>
        ActivityResult.Suspend(new BookmarkRequest(TriageDefinitions.ApprovalBookmark, new JsonObject { ["ticketId"] = context.BusinessKey }, deadline));

    private static TimeSpan Deadline(ActivityContext context) =>
        ActivitySetting.TryParseDuration(context.GetString("deadline"), out var deadline) ? deadline : TimeSpan.FromHours(24);

    /// <summary>One step more urgent: P4 to P3 ... P1 stays P1.</summary>
    public static string Raise(string priority) => priority switch
    {
        "P4" => "P3",
        "P3" => "P2",
        _ => "P1",
    };
}
