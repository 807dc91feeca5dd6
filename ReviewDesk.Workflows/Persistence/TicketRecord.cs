using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Persistence;

/// <summary>
/// A ticket. Once scrubbed, its text is stored as the redacted version that everything reads, and its PII values
/// encrypted (for authorised reveal). The raw submission (with the customer's details) is stored, encrypted, only until then.
/// </summary>
public sealed class TicketRecord
{
    /// <summary>Ticket id, also the workflow's business key.</summary>
    public required string Id { get; set; }
    /// <summary>The integrator's id for the ticket (unique).</summary>
    public string? ExternalId { get; set; }
    /// <summary>The Idempotency-Key header of the submission (unique).</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>email, web, chat, api, cli...</summary>
    public required string Channel { get; set; }
    /// <summary>Status.</summary>
    public TicketStatus Status { get; set; }
    /// <summary>
    /// The submission (subject, body, customer) encrypted with Data Protection, kept only until the scrub has stored the
    /// redacted text and the encrypted PII values: null after. A ticket whose scrub commits with its submission never stores it.
    /// </summary>
    public string? ProtectedSubmission { get; set; }
    /// <summary>Redacted subject; null until scrubbed.</summary>
    public string? Subject { get; set; }
    /// <summary>Redacted body; null until scrubbed.</summary>
    public string? Body { get; set; }
    /// <summary>PII spans as JSON (field, type, start, end; never values).</summary>
    public string? PiiSpans { get; set; }
    /// <summary>PII types found, comma-separated, for filtering.</summary>
    public string? PiiTypes { get; set; }
    /// <summary>Placeholder to original value map, encrypted.</summary>
    public string? ProtectedOriginals { get; set; }
    /// <summary>The AI's classification as JSON.</summary>
    public string? Classification { get; set; }
    /// <summary>The AI's category (from <see cref="Classification"/>), a column so the review queue filters in SQL.</summary>
    public string? AiCategory { get; set; }
    /// <summary>The AI's confidence (from <see cref="Classification"/>), a column so the review queue filters and sorts in SQL.</summary>
    public double? AiConfidence { get; set; }
    /// <summary>
    /// The current priority: the AI's, raised one step by each review escalation. The review queue's
    /// priority filter (<see cref="FinalPriority"/> is only set once a ticket is routed or decided).
    /// </summary>
    public string? Priority { get; set; }
    /// <summary>
    /// 1 while the ticket is in the review queue (awaiting review or escalated, not yet decided),
    /// otherwise null: a column the database computes, first column of every review-queue index.
    /// (Not a bool: EF writes a bool test as the bare column, which SQLite cannot match to an index.)
    /// </summary>
    public int? InReviewQueue { get; private set; }
    /// <summary>
    /// The ticket's category for the ticket list: the final one once routed or decided, the AI's
    /// before. A column the database computes, so the list filters it on an index.
    /// </summary>
    public string? CurrentCategory { get; private set; }
    /// <summary>The reviewer holding the ticket in the review queue; the claim ends at <see cref="ClaimedUntil"/>.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>When <see cref="ClaimedBy"/>'s claim lapses unless renewed; a lapsed claim is free.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>Whether review is required.</summary>
    public bool? ReviewRequired { get; set; }
    /// <summary>Why, as a JSON array of reason codes.</summary>
    public string? ReviewReasons { get; set; }
    /// <summary>The reviewer's decision as JSON.</summary>
    public string? Decision { get; set; }
    /// <summary>Category after review (or the AI's when routed automatically).</summary>
    public string? FinalCategory { get; set; }
    /// <summary>Priority after review and escalations.</summary>
    public string? FinalPriority { get; set; }
    /// <summary>The queue it was routed to.</summary>
    public string? Queue { get; set; }
    /// <summary>How many review deadlines passed.</summary>
    public int Escalations { get; set; }
    /// <summary>The current review deadline.</summary>
    public DateTimeOffset? ReviewDeadline { get; set; }
    /// <summary>The workflow instance.</summary>
    public string? InstanceId { get; set; }
    /// <summary>The workflow definition (variant).</summary>
    public required string DefinitionId { get; set; }
    /// <summary>Its version.</summary>
    public int? DefinitionVersion { get; set; }
    /// <summary>Submission time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy of this row (its fields are values and strings).</summary>
    public TicketRecord Copy() => (TicketRecord)MemberwiseClone();
}
