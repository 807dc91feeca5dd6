using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Waits for a reviewer on an <c>approval</c> bookmark with a deadline. When the deadline passes the
/// ticket is escalated, its priority raised one step, and it keeps waiting. A decision approves
/// (edited labels override the AI's) or rejects. Decisions and escalations are audited here, where they
/// take effect: a step that runs again after a crash writes its entry once (keyed by the request or bookmark).
/// </summary>
public sealed class ReviewGateActivity(TicketStore tickets, AuditLog audit, PiiAnonymizer anonymizer) : IActivityType
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
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reasons = (context.Variables[TriageDefinitions.Variables.Review]?["reasons"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList() ?? [];
        // Reached through a Failed connection: say why the AI step gave up.
        if (context.Outputs.Select(o => o.Value?["error"]?.GetValue<string>()).FirstOrDefault(e => e is not null && !Notifications.NotifyActivity.ErrorKinds.Contains(e)) is { } error)
        {
            reasons.Add($"classification_failed:{error}");
        }

        var deadline = context.Time.GetUtcNow() + Deadline(context);
        await tickets.UpdateAsync(context.BusinessKey, t =>
        {
            t.Status = TicketStatus.AwaitingReview;
            t.ReviewRequired = true;
            t.ReviewReasons = new JsonArray([.. reasons.Select(r => (JsonNode)r)]).ToJsonString();
            t.ReviewDeadline = deadline;
        }, context.CancellationToken);
        return Wait(context, deadline);
    }

    /// <inheritdoc />
    public ValueTask<ActivityResult> OnDeadlineAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Notifications.DeadlineNotices.Enlist(context);
        return EscalateAsync(context, "review deadline passed", releaseClaim: false);
    }

    /// <summary>Records a decision or escalation: labels before and after, the comment (PII scrubbed), the model and workflow behind the labels.</summary>
    private async Task AuditAsync(ActivityContext context, string action, string actor, string key, JsonObject detail, string? comment)
    {
        var ticket = await tickets.FindAsync(context.BusinessKey, context.CancellationToken);
        var classification = ticket?.Classification is { } json ? JsonNode.Parse(json) : null;
        // A reviewer may paste what a reveal showed: the trail keeps the comment with any PII replaced.
        detail["comment"] = string.IsNullOrWhiteSpace(comment) ? null : anonymizer.Anonymize(comment).Text;
        detail["confidence"] = classification?["confidence"]?.DeepClone();
        detail["model"] = new JsonObject
        {
            ["provider"] = classification?["provider"]?.DeepClone(),
            ["model"] = classification?["model"]?.DeepClone(),
            ["promptVersion"] = classification?["promptVersion"]?.DeepClone(),
        };
        detail["workflow"] = new JsonObject
        {
            ["definitionId"] = ticket?.DefinitionId,
            ["version"] = ticket?.DefinitionVersion,
            ["instanceId"] = context.InstanceId,
        };
        await audit.AppendAsync(new AuditEvent(actor, action, context.BusinessKey, Detail: detail, Key: key), context.CancellationToken);
    }

    private static JsonObject Labels(string? category, string? priority) => new() { ["category"] = category, ["priority"] = priority };

    /// <summary>Raises the priority one step, marks the ticket escalated with a fresh deadline, and keeps waiting.</summary>
    private async ValueTask<ActivityResult> EscalateAsync(ActivityContext context, string why, bool releaseClaim, string? comment = null)
    {
        var before = context.Variables[TriageDefinitions.Variables.FinalPriority]?.GetValue<string>() ?? "P3";
        var raised = Raise(before);
        context.Variables[TriageDefinitions.Variables.FinalPriority] = raised;
        var deadline = context.Time.GetUtcNow() + Deadline(context);
        context.Journal("Escalated", $"{why}; priority {before} -> {raised}");
        await tickets.UpdateAsync(context.BusinessKey, t =>
        {
            t.Status = TicketStatus.Escalated;
            t.Escalations++;
            t.FinalPriority = raised;
            t.Priority = raised;
            t.ReviewDeadline = deadline;
            if (releaseClaim)
            {
                // Handed up: a senior reviewer picks it from the queue.
                t.ClaimedBy = null;
                t.ClaimedUntil = null;
            }
        }, context.CancellationToken);
        var category = context.Variables[TriageDefinitions.Variables.FinalCategory]?.GetValue<string>();
        var (actor, cause, key) = context.Resume is { } resume
            ? (resume.Actor ?? "unknown", "reviewer", $"review:{context.BusinessKey}:{resume.RequestId}")
            : (AuditActions.SystemActor, "deadline", $"deadline:{context.BusinessKey}:{context.Bookmark?.BookmarkId ?? context.InstanceId}:{context.Bookmark?.Deadline.ToUnixTimeMilliseconds()}");
        await AuditAsync(context, AuditActions.Escalate, actor, key, new JsonObject
        {
            ["cause"] = cause,
            ["before"] = Labels(category, before),
            ["after"] = Labels(category, raised),
            ["deadline"] = deadline,
        }, comment);
        return Wait(context, deadline);
    }

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.Resume?.Payload as JsonObject
            ?? throw new ActivityException("InvalidDecision", "a review decision needs a payload", nonRetryable: true);
        var action = payload["action"]?.GetValue<string>();
        var reviewer = context.Resume!.Actor;
        if (action == ReviewDecision.Escalate)
        {
            var comment = payload["comment"]?.GetValue<string>();
            // The journal keeps summaries, not free text: the comment stays with the ticket's comments.
            return await EscalateAsync(context, $"escalated by {reviewer}{(string.IsNullOrWhiteSpace(comment) ? "" : " with a comment")}", releaseClaim: true, comment);
        }

        var aiCategory = context.Variables[TriageDefinitions.Variables.FinalCategory]?.GetValue<string>();
        var aiPriority = context.Variables[TriageDefinitions.Variables.FinalPriority]?.GetValue<string>();
        var auditKey = $"review:{context.BusinessKey}:{context.Resume!.RequestId}";
        if (action == ReviewDecision.Reject)
        {
            await tickets.UpdateAsync(context.BusinessKey, t =>
            {
                t.Status = TicketStatus.Rejected;
                t.Decision = payload.ToJsonString();
                t.ReviewDeadline = null;
                t.ClaimedBy = null;
                t.ClaimedUntil = null;
            }, context.CancellationToken);
            await AuditAsync(context, AuditActions.Reject, reviewer ?? "unknown", auditKey, new JsonObject
            {
                ["before"] = Labels(aiCategory, aiPriority),
                ["after"] = null,
                ["requestId"] = context.Resume!.RequestId,
            }, payload["comment"]?.GetValue<string>());
            return ActivityResult.Outcome(Rejected, payload.DeepClone());
        }

        if (action != ReviewDecision.Approve) throw new ActivityException("InvalidDecision", $"unknown review action '{action}'", nonRetryable: true);

        var category = payload["category"]?.GetValue<string>() ?? aiCategory ?? "general_inquiry";
        var priority = payload["priority"]?.GetValue<string>() ?? aiPriority ?? "P3";
        if (!TicketLabels.Categories.Contains(category) || !TicketLabels.Priorities.Contains(priority))
        {
            throw new ActivityException("InvalidDecision", "the decision's labels are not known labels", nonRetryable: true);
        }

        if (category != aiCategory || priority != aiPriority)
        {
            context.Journal("LabelsEdited", $"by {reviewer}: category {aiCategory ?? "none"} -> {category}; priority {aiPriority ?? "none"} -> {priority}");
        }

        context.Variables[TriageDefinitions.Variables.FinalCategory] = category;
        context.Variables[TriageDefinitions.Variables.FinalPriority] = priority;
        await tickets.UpdateAsync(context.BusinessKey, t =>
        {
            t.Decision = payload.ToJsonString();
            t.FinalCategory = category;
            t.FinalPriority = priority;
            t.Priority = priority;
            t.ReviewDeadline = null;
            t.ClaimedBy = null;
            t.ClaimedUntil = null;
        }, context.CancellationToken);
        await AuditAsync(context, AuditActions.Approve, reviewer ?? "unknown", auditKey, new JsonObject
        {
            ["before"] = Labels(aiCategory, aiPriority),
            ["after"] = Labels(category, priority),
            ["edited"] = category != aiCategory || priority != aiPriority,
            ["requestId"] = context.Resume!.RequestId,
        }, payload["comment"]?.GetValue<string>());
        return ActivityResult.Outcome(Approved, payload.DeepClone());
    }

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
