using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Workflows.Triage;

/// <summary>The ticket use cases: submit (and start its workflow), read, timeline, decide, comment, reveal PII.</summary>
public sealed partial class TicketService(
    TicketStore tickets,
    ReviewEvents events,
    ReviewQueue queue,
    WorkflowRuntime runtime,
    WorkflowQueries queries,
    ISecretProtector protector,
    AuditLog audit,
    IWorkflowIdGenerator ids,
    VariantSelector variants,
    TimeProvider time,
    ILogger<TicketService> logger)
{
    /// <summary>
    /// Stores the ticket (its text encrypted) and starts its workflow. A repeated external id or
    /// idempotency key returns the first ticket (and makes sure its workflow started).
    /// </summary>
    /// <exception cref="WorkflowRequestException">The variant has no published version.</exception>
    public async Task<SubmitResult> SubmitAsync(TicketSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (await tickets.FindByKeysAsync(submission.ExternalId, submission.IdempotencyKey, cancellationToken) is { } existing)
        {
            return new SubmitResult(await EnsureStartedAsync(existing, cancellationToken), false);
        }

        var now = time.GetUtcNow();
        var ticketId = ids.NewId("tk_");
        var channel = string.IsNullOrWhiteSpace(submission.Channel) ? "api" : submission.Channel.Trim().ToLowerInvariant();
        var ticket = new TicketRecord
        {
            Id = ticketId,
            ExternalId = submission.ExternalId,
            IdempotencyKey = submission.IdempotencyKey,
            Channel = channel,
            Status = TicketStatus.Received,
            ProtectedSubmission = protector.Protect(JsonSerializer.Serialize(
                new ProtectedSubmission(submission.Subject!, submission.Body!, submission.Customer), JsonSerializerOptions.Web)),
            // An explicit variant wins; otherwise the published variants' selection rules choose.
            DefinitionId = string.IsNullOrWhiteSpace(submission.Variant)
                ? await variants.SelectAsync(ticketId, channel, submission.Customer?.Email, cancellationToken)
                : submission.Variant,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (!await tickets.TryInsertAsync(ticket, cancellationToken))
        {
            var raced = await tickets.FindByKeysAsync(submission.ExternalId, submission.IdempotencyKey, cancellationToken);
            return new SubmitResult(await EnsureStartedAsync(raced!, cancellationToken), false);
        }

        try
        {
            var view = await EnsureStartedAsync(ticket, cancellationToken);
            logger.LogInformation("Ticket {TicketId} submitted on {Channel}; workflow {InstanceId}", ticket.Id, ticket.Channel, view.WorkflowInstanceId);
            return new SubmitResult(view, true);
        }
        catch (WorkflowRequestException)
        {
            await tickets.DeleteAsync(ticket.Id, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Reads a ticket; its status reflects a faulted or cancelled workflow.</summary>
    public async Task<TicketView?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        return ticket is null ? null : await ToViewAsync(ticket, cancellationToken);
    }

    /// <summary>The ticket's timeline (its workflow journal); null for an unknown ticket.</summary>
    public async Task<IReadOnlyList<TimelineEvent>?> GetTimelineAsync(string ticketId, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        if (ticket is null) return null;
        if (ticket.InstanceId is null) return [];
        var journal = await queries.GetJournalAsync(ticket.InstanceId, cancellationToken);
        return [.. journal.Select(j => new TimelineEvent(j.Sequence, j.At, j.Type, j.NodeId, j.ActivityType, j.Attempt, j.Actor, j.Detail))];
    }

    /// <summary>
    /// Applies a reviewer's decision and waits until the workflow moved on (routed, rejected, or
    /// waiting again after an escalation); the decision's comment joins the ticket's comments.
    /// A repeated request id returns the ticket as it is; a ticket decided by someone else, not
    /// awaiting review, or claimed by another reviewer (unless <see cref="ReviewDecision.TakeOver"/>) is a conflict.
    /// </summary>
    public async Task<DecisionResult> DecideAsync(string ticketId, ReviewDecision decision, string reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        if (ticket is null) return new DecisionResult(DecisionOutcome.NotFound, null, $"no ticket {ticketId}");
        if (ticket.Decision is not null)
        {
            var earlier = JsonNode.Parse(ticket.Decision)!;
            var view = await ToViewAsync(ticket, cancellationToken);
            return decision.RequestId is not null && earlier["requestId"]?.GetValue<string>() == decision.RequestId
                ? new DecisionResult(DecisionOutcome.Applied, view, null)
                : new DecisionResult(DecisionOutcome.Conflict, view,
                    $"ticket {ticketId} was already decided ({earlier["action"]}) by {earlier["reviewer"]}");
        }

        var bookmark = await FindApprovalBookmarkAsync(ticket, cancellationToken);
        if (bookmark is null)
        {
            return new DecisionResult(DecisionOutcome.Conflict, await ToViewAsync(ticket, cancellationToken),
                $"ticket {ticketId} is not awaiting review (it is {ticket.Status})");
        }

        // Deciding claims the ticket (or renews the reviewer's claim) in one conditional UPDATE, so a
        // reviewer never decides a ticket someone else holds, unless taking it over.
        var claim = await queue.ClaimAsync(ticketId, reviewer, decision.TakeOver, cancellationToken);
        if (claim.Outcome == ClaimOutcome.ClaimedByOther)
        {
            return new DecisionResult(DecisionOutcome.Conflict, await ToViewAsync(ticket, cancellationToken), claim.Message);
        }

        var requestId = decision.RequestId ?? ids.NewId("decision_");
        var payload = new JsonObject
        {
            ["action"] = decision.Action,
            ["category"] = decision.Category,
            ["priority"] = decision.Priority,
            ["comment"] = decision.Comment,
            ["reviewer"] = reviewer,
            ["requestId"] = requestId,
            ["decidedAt"] = time.GetUtcNow(),
        };
        var result = await runtime.ResumeAsync(new ResumeRequest
        {
            RequestId = requestId,
            BookmarkId = bookmark.Id,
            Payload = payload,
            Actor = reviewer,
        }, waitForSettled: true, cancellationToken);
        if (result.Outcome == ResumeOutcome.Delivered)
        {
            if (!result.Duplicate) events.Publish(new TicketDecided(ticketId, decision.Action!, reviewer, time.GetUtcNow()));

            if (decision.Action == ReviewDecision.Escalate)
            {
                // Handed up: the ticket goes back to the queue unclaimed (a repeated request re-claimed it above).
                await queue.ReleaseAsync(ticketId, reviewer, takeOver: false, cancellationToken);
            }

            if (!string.IsNullOrWhiteSpace(decision.Comment))
            {
                // Keyed by the decision's request id, so a repeated decision adds no second comment.
                await StoreCommentAsync(ticketId, reviewer, decision.Action!, decision.Comment, requestId, cancellationToken);
            }
        }

        var after = await GetAsync(ticketId, cancellationToken);
        return result.Outcome == ResumeOutcome.Delivered
            ? new DecisionResult(DecisionOutcome.Applied, after, null)
            : new DecisionResult(DecisionOutcome.Conflict, after, result.Message ?? $"ticket {ticketId} was decided meanwhile");
    }

    private async Task<BookmarkView?> FindApprovalBookmarkAsync(TicketRecord ticket, CancellationToken cancellationToken)
    {
        if (ticket.InstanceId is null) return null;
        var bookmark = (await queries.GetBookmarksAsync(ticket.InstanceId, cancellationToken)).FirstOrDefault(b => b.Kind == TriageDefinitions.ApprovalBookmark);
        if (bookmark is not null || ticket.Status is not (TicketStatus.AwaitingReview or TicketStatus.Escalated)) return bookmark;

        // The review gate marks the ticket before its step commits the bookmark: a reviewer that quick waits for the commit.
        await runtime.WaitUntilSettledAsync(ticket.InstanceId, TimeSpan.FromSeconds(5), cancellationToken);
        return (await queries.GetBookmarksAsync(ticket.InstanceId, cancellationToken)).FirstOrDefault(b => b.Kind == TriageDefinitions.ApprovalBookmark);
    }

    private async Task<TicketView> EnsureStartedAsync(TicketRecord ticket, CancellationToken cancellationToken)
    {
        if (ticket.InstanceId is null)
        {
            var started = await runtime.StartAsync(new StartWorkflowRequest
            {
                DefinitionId = ticket.DefinitionId,
                BusinessKey = ticket.Id,
                Input = new JsonObject { ["ticketId"] = ticket.Id, ["channel"] = ticket.Channel },
                Actor = "submission",
            }, cancellationToken);
            var instance = await queries.GetInstanceAsync(started.InstanceId, cancellationToken);
            await tickets.UpdateAsync(ticket.Id, t =>
            {
                t.InstanceId = started.InstanceId;
                t.DefinitionVersion = instance?.DefinitionVersion;
            }, cancellationToken);
            ticket = (await tickets.FindAsync(ticket.Id, cancellationToken))!;
        }

        return await ToViewAsync(ticket, cancellationToken);
    }

    private async Task<TicketView> ToViewAsync(TicketRecord ticket, CancellationToken cancellationToken)
    {
        var status = ticket.Status;
        if (ticket.InstanceId is not null && status is not (TicketStatus.Routed or TicketStatus.Rejected))
        {
            var instance = await queries.GetInstanceAsync(ticket.InstanceId, cancellationToken);
            status = instance?.Status switch
            {
                WorkflowStatus.Faulted => TicketStatus.Failed,
                WorkflowStatus.Cancelled => TicketStatus.Cancelled,
                _ => status,
            };
        }

        return new TicketView
        {
            Id = ticket.Id,
            ExternalId = ticket.ExternalId,
            Channel = ticket.Channel,
            Status = status,
            Subject = ticket.Subject,
            Body = ticket.Body,
            PiiSpans = ticket.PiiSpans is null ? [] : JsonNode.Parse(ticket.PiiSpans)!.AsArray(),
            Classification = ticket.Classification is null ? null : JsonNode.Parse(ticket.Classification)!.AsObject(),
            ReviewRequired = ticket.ReviewRequired,
            ReviewReasons = ticket.ReviewReasons is null ? [] : JsonSerializer.Deserialize<List<string>>(ticket.ReviewReasons)!,
            ReviewDeadline = ticket.ReviewDeadline,
            Escalations = ticket.Escalations,
            Decision = ticket.Decision is null ? null : JsonNode.Parse(ticket.Decision)!.AsObject(),
            FinalCategory = ticket.FinalCategory,
            FinalPriority = ticket.FinalPriority,
            Queue = ticket.Queue,
            WorkflowInstanceId = ticket.InstanceId,
            WorkflowDefinition = ticket.DefinitionId,
            WorkflowVersion = ticket.DefinitionVersion,
            CreatedAt = ticket.CreatedAt,
            UpdatedAt = ticket.UpdatedAt,
        };
    }
}
