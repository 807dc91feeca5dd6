namespace ReviewDesk.Workflows.Triage;

/// <summary>A ticket as the ticket list shows it: redacted subject only, no body, no PII values.</summary>
public sealed record TicketListItem
{
    /// <summary>Ticket id.</summary>
    public required string Id { get; init; }
    /// <summary>The integrator's id.</summary>
    public string? ExternalId { get; init; }
    /// <summary>Channel.</summary>
    public required string Channel { get; init; }
    /// <summary>Status as stored on the ticket.</summary>
    public required TicketStatus Status { get; init; }
    /// <summary>Redacted subject; null until scrubbed.</summary>
    public string? Subject { get; init; }
    /// <summary>The final category once routed or decided, the AI's before.</summary>
    public string? Category { get; init; }
    /// <summary>The final priority once routed or decided, the current one before.</summary>
    public string? Priority { get; init; }
    /// <summary>The queue it was routed to.</summary>
    public string? Queue { get; init; }
    /// <summary>The workflow definition (variant).</summary>
    public required string Variant { get; init; }
    /// <summary>The workflow instance.</summary>
    public string? WorkflowInstanceId { get; init; }
    /// <summary>Submission time.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
