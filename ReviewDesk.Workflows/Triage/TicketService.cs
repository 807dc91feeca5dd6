using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage.Activities;
using ReviewDesk.Workflows.Triage.Contracts;

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
    TriageMetrics metrics,
    ILogger<TicketService> logger)
{
    /// <summary>
    /// Stores the ticket (its text encrypted) and starts its workflow, in one commit: the ticket row, its
    /// instance and the instance's first work item. A repeated external id or idempotency key returns the
    /// first ticket (read back) and starts nothing. A new ticket is answered from what was written, without reading it back.
    /// </summary>
    /// <exception cref="WorkflowRequestException">The variant has no published version.</exception>
    public async Task<SubmitResult> SubmitAsync(TicketSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        // The submission's span: the ticket's workflow starts as its child, so the whole triage is one trace.
        using var span = TriageTelemetry.Source.StartActivity("ticket submit");
        // A repeat is found inside the write, under the write lock: no read before it for the common case, a new ticket.
        var ticket = await NewTicketAsync(submission, cancellationToken);
        span?.SetTag(TriageTelemetry.TicketId, ticket.Id).SetTag("ticket.channel", ticket.Channel);
        var request = StartRequest(ticket);
        // The first step (the scrub, and what runs inline after it: a local classification, the decision, the route or the
        // review gate) runs here and commits with the ticket, in one commit (IEagerStartActivity). It gets the text in hand.
        var original = Original(submission);
        var items = new Dictionary<string, object>(StringComparer.Ordinal) { [ScrubPiiActivity.SubmissionItem] = original };
        var prepared = await runtime.PrepareStartAsync(request, items, cancellationToken);
        // The raw submission is stored (encrypted) only for a scrub still to run on the worker: none when the prepared step
        // scrubbed it (and took it from the items) and commits with the ticket.
        var scrubbedHere = prepared is not null && !items.ContainsKey(ScrubPiiActivity.SubmissionItem);
        if (!scrubbedHere) ticket.ProtectedSubmission = Protect(original);
        SubmitWrite written;
        try
        {
            written = await runtime.WriteAsync(tx => Submit(tx, ticket, request, prepared, () => Protect(original)), cancellationToken);
        }
        catch (Exception ex) when (prepared is not null && ex is not (OperationCanceledException or WorkflowRequestException))
        {
            // The step's own writes failed and rolled back with the whole submission: submit without it, and the worker
            // runs the step under its node's retry policy.
            logger.LogWarning("Ticket {TicketId}: its first step did not commit with the submission ({Reason}); the worker runs it", ticket.Id, ex.GetType().Name);
            ticket.ProtectedSubmission ??= Protect(original);
            written = await runtime.WriteAsync(tx => Submit(tx, ticket, request, null, null), cancellationToken);
        }

        if (written.Raced is { } raced)
        {
            return new SubmitResult(ToView((await tickets.FindAsync(raced, cancellationToken))!), false);
        }

        logger.LogDebug("Ticket {TicketId} submitted on {Channel}; workflow {InstanceId}", ticket.Id, ticket.Channel, ticket.InstanceId);
        // The ticket as the commit left it: scrubbed, classified and routed or waiting, when its first step committed with it.
        return new SubmitResult(ToView(written.Row!), true);
    }

    /// <summary>
    /// Inserts <paramref name="ticket"/> and starts its workflow in <paramref name="tx"/>; returns the id of the ticket
    /// that already has its external id or idempotency key instead, writing nothing.
    /// </summary>
    internal static string? Submit(WorkflowTransaction tx, TicketRecord ticket) => Submit(tx, ticket, StartRequest(ticket), null, null).Raced;

    /// <summary>
    /// <see cref="Submit(WorkflowTransaction, TicketRecord)"/> with the start <paramref name="request"/>, and the first step
    /// <paramref name="prepared"/> for it (null: the worker runs it). The step's writes run after the ticket's insert. A ticket
    /// without its encrypted submission (its scrub was prepared) gets it from <paramref name="protect"/> when the start drops
    /// the prepared step, since the worker's scrub then reads it.
    /// </summary>
    private static SubmitWrite Submit(WorkflowTransaction tx, TicketRecord ticket, StartWorkflowRequest request, PreparedStart? prepared, Func<string>? protect)
    {
        if (TicketWriter.FindIdByKeys(tx, ticket.ExternalId, ticket.IdempotencyKey) is { } raced) return new SubmitWrite(raced, null);
        var started = tx.StartWorkflow(request, prepared);
        ticket.InstanceId = started.InstanceId;
        ticket.DefinitionVersion = started.DefinitionVersion;
        if (!started.PreparedStepTaken && ticket.ProtectedSubmission is null)
        {
            ticket.ProtectedSubmission = protect?.Invoke() ?? throw new InvalidOperationException($"ticket {ticket.Id} has no submission for its scrub");
        }

        return new SubmitWrite(null, TicketWriter.Insert(tx, ticket));
    }

    /// <summary>A submission's write: the ticket that already had its keys, or the new ticket's row as the transaction leaves it.</summary>
    private sealed record SubmitWrite(string? Raced, TicketRecord? Row);

    private static StartWorkflowRequest StartRequest(TicketRecord ticket) => new()
    {
        DefinitionId = ticket.DefinitionId,
        BusinessKey = ticket.Id,
        Input = JsonSerializer.SerializeToNode(new TriageInput(ticket.Id, ticket.Channel), WorkflowVariable.Json),
        Actor = "submission",
    };

    /// <summary>
    /// The row of a new ticket: an id, the channel, the variant that runs it. Its encrypted submission is the caller's to
    /// add (<see cref="Protect"/>), when a scrub on the worker will read it.
    /// </summary>
    internal async Task<TicketRecord> NewTicketAsync(TicketSubmission submission, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ticketId = ids.NewId("tk_");
        var channel = string.IsNullOrWhiteSpace(submission.Channel) ? "api" : submission.Channel.Trim().ToLowerInvariant();
        return new TicketRecord
        {
            Id = ticketId,
            ExternalId = submission.ExternalId,
            IdempotencyKey = submission.IdempotencyKey,
            Channel = channel,
            Status = TicketStatus.Received,
            // An explicit variant wins; otherwise the published variants' selection rules choose.
            DefinitionId = string.IsNullOrWhiteSpace(submission.Variant)
                ? await variants.SelectAsync(ticketId, channel, submission.Customer?.Email, cancellationToken)
                : submission.Variant,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static ProtectedSubmission Original(TicketSubmission submission) => new(submission.Subject!, submission.Body!, submission.Customer);

    /// <summary>The submission encrypted, as the worker's scrub reads it back.</summary>
    private string Protect(ProtectedSubmission original) => protector.Protect(JsonSerializer.Serialize(original, JsonSerializerOptions.Web));

    /// <summary>Reads a ticket; its status is its workflow's (they change in one commit).</summary>
    public async Task<TicketView?> GetAsync(string ticketId, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(ticketId, cancellationToken);
        return ticket is null ? null : ToView(ticket);
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
    /// waiting again after an escalation). The claim and the resume of the approval bookmark commit
    /// together; the review gate's step then writes the decision, its audit entry and its comment in one
    /// commit. A repeated request id returns the ticket as it is; a ticket decided by someone else, not
    /// awaiting review, or claimed by another reviewer (unless <see cref="ReviewDecision.TakeOver"/>) is a conflict.
    /// </summary>
    public async Task<DecisionResult> DecideAsync(string ticketId, ReviewDecision decision, string reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewer);
        // The decision's span, in the reviewer's trace; the workflow's resume links the ticket's trace to it.
        using var span = TriageTelemetry.Source.StartActivity("ticket decide");
        span?.SetTag(TriageTelemetry.TicketId, ticketId).SetTag("ticket.decision.action", decision.Action);
        var payload = new TicketDecision(decision.Action!, decision.Category, decision.Priority, decision.Comment, reviewer,
            decision.RequestId ?? ids.NewId("decision_"), time.GetUtcNow());
        var attempt = await runtime.WriteAsync(tx => Decide(tx, ticketId, payload, decision.TakeOver), cancellationToken);
        if (attempt.Resume is { Duplicate: false } resume)
        {
            if (attempt.SubmittedAt is { } submittedAt) metrics.Decided(payload.Action, payload.DecidedAt - submittedAt);
            await runtime.SettleAsync(resume, waitForSettled: true, cancellationToken);
        }

        var after = await GetAsync(ticketId, cancellationToken);
        return new DecisionResult(attempt.Outcome, after, attempt.Message);
    }

    /// <summary>The decision's checks, claim and resume, in one transaction.</summary>
    private DecisionAttempt Decide(WorkflowTransaction tx, string ticketId, TicketDecision decision, bool takeOver)
    {
        if (tx.FindResume(decision.RequestId) is { } earlier)
        {
            // The same request again: the first answer, and nothing changes.
            return earlier.Outcome == ResumeOutcome.Delivered
                ? new DecisionAttempt(DecisionOutcome.Applied, null, earlier)
                : new DecisionAttempt(DecisionOutcome.Conflict, earlier.Message ?? $"ticket {ticketId} was decided meanwhile", null);
        }

        if (TicketWriter.ReadReviewState(tx, ticketId) is not { } state) return new DecisionAttempt(DecisionOutcome.NotFound, $"no ticket {ticketId}", null);
        if (state.Decision is { } made)
        {
            return new DecisionAttempt(DecisionOutcome.Conflict, $"ticket {ticketId} was already decided ({made.Action}) by {made.Reviewer}", null);
        }

        if (state.Status is not (TicketStatus.AwaitingReview or TicketStatus.Escalated) || state.InstanceId is null)
        {
            return new DecisionAttempt(DecisionOutcome.Conflict, $"ticket {ticketId} is not awaiting review (it is {state.Status})", null);
        }

        // Deciding claims the ticket (or renews the reviewer's claim), so a reviewer never decides a ticket
        // someone else holds, unless taking it over.
        var claim = queue.Claim(tx, ticketId, decision.Reviewer, takeOver);
        if (claim.Outcome != ClaimOutcome.Claimed) return new DecisionAttempt(DecisionOutcome.Conflict, claim.Message, null);

        // Awaiting review and its approval bookmark commit together, so the bookmark waits: the resume is delivered.
        var resume = tx.Resume(new ResumeRequest
        {
            RequestId = decision.RequestId,
            InstanceId = state.InstanceId,
            Kind = TriageDefinitions.ApprovalBookmark,
            Payload = JsonSerializer.SerializeToNode(decision, WorkflowVariable.Json),
            Actor = decision.Reviewer,
        });
        return resume.Outcome == ResumeOutcome.Delivered
            ? new DecisionAttempt(DecisionOutcome.Applied, null, resume) { SubmittedAt = state.SubmittedAt }
            : throw new InvalidOperationException($"ticket {ticketId} is awaiting review but its approval bookmark did not take the decision: {resume.Outcome} {resume.Message}");
    }

    internal static TicketView ToView(TicketRecord ticket) => new()
    {
        Id = ticket.Id,
        ExternalId = ticket.ExternalId,
        Channel = ticket.Channel,
        Status = ticket.Status,
        Subject = ticket.Subject,
        Body = ticket.Body,
        PiiSpans = ticket.PiiSpans is null ? [] : JsonSerializer.Deserialize<List<PiiSpan>>(ticket.PiiSpans, WorkflowVariable.Json)!,
        Classification = ticket.Classification is null ? null : JsonSerializer.Deserialize<TicketClassification>(ticket.Classification, WorkflowVariable.Json),
        ReviewRequired = ticket.ReviewRequired,
        ReviewReasons = ticket.ReviewReasons is null ? [] : JsonSerializer.Deserialize<List<string>>(ticket.ReviewReasons)!,
        ReviewDeadline = ticket.ReviewDeadline,
        Escalations = ticket.Escalations,
        Decision = ticket.Decision is null ? null : JsonSerializer.Deserialize<TicketDecision>(ticket.Decision, WorkflowVariable.Json),
        FinalCategory = ticket.FinalCategory,
        FinalPriority = ticket.FinalPriority,
        Queue = ticket.Queue,
        WorkflowInstanceId = ticket.InstanceId,
        WorkflowDefinition = ticket.DefinitionId,
        WorkflowVersion = ticket.DefinitionVersion,
        CreatedAt = ticket.CreatedAt,
        UpdatedAt = ticket.UpdatedAt,
    };

    private sealed record DecisionAttempt(DecisionOutcome Outcome, string? Message, ResumeResult? Resume)
    {
        /// <summary>When the decided ticket was submitted (a newly applied decision only).</summary>
        public DateTimeOffset? SubmittedAt { get; init; }
    }
}

/// <summary>A triage workflow's input: only the ticket's id and channel (its text stays encrypted with the ticket).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Channel">Its channel.</param>
public sealed record TriageInput(string TicketId, string Channel);
