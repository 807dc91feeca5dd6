using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage;

/// <summary>A ticket as the API and the console show it: redacted text, spans without values.</summary>
public sealed record TicketView
{
    /// <summary>Ticket id.</summary>
    public required string Id { get; init; }
    /// <summary>The integrator's id.</summary>
    public string? ExternalId { get; init; }
    /// <summary>Channel.</summary>
    public required string Channel { get; init; }
    /// <summary>Status.</summary>
    public required TicketStatus Status { get; init; }
    /// <summary>Redacted subject (null until scrubbed).</summary>
    public string? Subject { get; init; }
    /// <summary>Redacted body (null until scrubbed).</summary>
    public string? Body { get; init; }
    /// <summary>PII found: field, type, start, end and placeholder; never the values.</summary>
    public IReadOnlyList<PiiSpan> PiiSpans { get; init; } = [];
    /// <summary>The AI's classification.</summary>
    public TicketClassification? Classification { get; init; }
    /// <summary>Whether a reviewer must look.</summary>
    public bool? ReviewRequired { get; init; }
    /// <summary>Why.</summary>
    public IReadOnlyList<string> ReviewReasons { get; init; } = [];
    /// <summary>When the review escalates.</summary>
    public DateTimeOffset? ReviewDeadline { get; init; }
    /// <summary>How many deadlines passed.</summary>
    public int Escalations { get; init; }
    /// <summary>The reviewer's decision.</summary>
    public TicketDecision? Decision { get; init; }
    /// <summary>Category used for routing.</summary>
    public string? FinalCategory { get; init; }
    /// <summary>Priority used for routing.</summary>
    public string? FinalPriority { get; init; }
    /// <summary>The queue.</summary>
    public string? Queue { get; init; }
    /// <summary>Workflow instance.</summary>
    public string? WorkflowInstanceId { get; init; }
    /// <summary>Workflow definition (variant).</summary>
    public required string WorkflowDefinition { get; init; }
    /// <summary>Its version.</summary>
    public int? WorkflowVersion { get; init; }
    /// <summary>Submission time.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One timeline event (from the workflow journal): the node and its activity type, when the event concerns one.</summary>
public sealed record TimelineEvent(int Seq, DateTimeOffset At, string Type, string? Node, string? Activity, int? Attempt, string? Actor, string? Detail);

/// <summary>The outcome of a submission.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Created">False when an earlier submission with the same external id or idempotency key returned it.</param>
public sealed record SubmitResult(TicketView Ticket, bool Created);

/// <summary>The outcome of a decision.</summary>
public enum DecisionOutcome
{
    /// <summary>Applied (or a repeat of the same request id).</summary>
    Applied,
    /// <summary>No such ticket.</summary>
    NotFound,
    /// <summary>Already decided, or not awaiting review.</summary>
    Conflict,
}

/// <summary>A decision's result: the ticket after the workflow moved on, or why it was refused.</summary>
public sealed record DecisionResult(DecisionOutcome Outcome, TicketView? Ticket, string? Message);
