using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Activities;
using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Waits for a reviewer on an <c>approval</c> bookmark with a deadline. When the deadline passes the
/// ticket is escalated, its priority raised one step, and it keeps waiting. A decision approves
/// (edited labels override the AI's) or rejects.
/// </summary>
public sealed class ReviewGateActivity(TicketStore tickets) : IActivityType
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
        ],
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reasons = (context.Variables[TriageDefinitions.Variables.Review]?["reasons"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList() ?? [];
        // Reached through a Failed connection: say why the AI step gave up.
        if (context.Outputs.Select(o => o.Value?["error"]?.GetValue<string>()).FirstOrDefault(e => e is not null) is { } error)
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
        return EscalateAsync(context, "review deadline passed", releaseClaim: false);
    }

    /// <summary>Raises the priority one step, marks the ticket escalated with a fresh deadline, and keeps waiting.</summary>
    private async ValueTask<ActivityResult> EscalateAsync(ActivityContext context, string why, bool releaseClaim)
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
            return await EscalateAsync(context, $"escalated by {reviewer}{(string.IsNullOrWhiteSpace(comment) ? "" : " with a comment")}", releaseClaim: true);
        }

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
            return ActivityResult.Outcome(Rejected, payload.DeepClone());
        }

        if (action != ReviewDecision.Approve) throw new ActivityException("InvalidDecision", $"unknown review action '{action}'", nonRetryable: true);

        var aiCategory = context.Variables[TriageDefinitions.Variables.FinalCategory]?.GetValue<string>();
        var aiPriority = context.Variables[TriageDefinitions.Variables.FinalPriority]?.GetValue<string>();
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
