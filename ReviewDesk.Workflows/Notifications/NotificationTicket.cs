using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>What a notification says about a ticket: redacted text and labels only, never PII values.</summary>
public sealed record NotificationTicket
{
    /// <summary>The ticket id.</summary>
    public required string Id { get; init; }
    /// <summary>The redacted subject.</summary>
    public required string Subject { get; init; }
    /// <summary>The start of the redacted body (only when the step includes it).</summary>
    public string? Excerpt { get; init; }
    /// <summary>The category (final, else the AI's).</summary>
    public string? Category { get; init; }
    /// <summary>The current priority.</summary>
    public string? Priority { get; init; }
    /// <summary>The AI's confidence.</summary>
    public double? Confidence { get; init; }
    /// <summary>The ticket's status.</summary>
    public TicketStatus Status { get; init; }
    /// <summary>The review deadline in force.</summary>
    public DateTimeOffset? Deadline { get; init; }
    /// <summary>Escalations so far: the review round links are bound to.</summary>
    public int Escalations { get; init; }
    /// <summary>The workflow definition (variant).</summary>
    public required string Variant { get; init; }
    /// <summary>Why it needs review.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>approve or reject once decided.</summary>
    public string? DecisionAction { get; init; }
    /// <summary>Who decided.</summary>
    public string? Reviewer { get; init; }

    /// <summary>Whether the ticket was decided.</summary>
    public bool IsDecided => DecisionAction is not null;

    /// <summary>Whether the ticket can still take a decision (not decided, not routed, cancelled or failed).</summary>
    public bool AwaitsDecision => !IsDecided && Status is not (TicketStatus.Routed or TicketStatus.Rejected or TicketStatus.Cancelled or TicketStatus.Failed);

    /// <summary>The snapshot of <paramref name="ticket"/>; <paramref name="excerptLength"/> characters of the redacted body (0: none).</summary>
    public static NotificationTicket From(TicketRecord ticket, int excerptLength = 0)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var decision = ticket.Decision is null ? null : JsonNode.Parse(ticket.Decision);
        var body = ticket.Body ?? "";
        return new NotificationTicket
        {
            Id = ticket.Id,
            Subject = ticket.Subject ?? "(not scrubbed yet)",
            Excerpt = excerptLength <= 0 || body.Length == 0 ? null : body.Length <= excerptLength ? body : body[..excerptLength] + "…",
            Category = ticket.FinalCategory ?? ticket.AiCategory,
            Priority = ticket.Priority ?? ticket.FinalPriority,
            Confidence = ticket.AiConfidence,
            Status = ticket.Status,
            Deadline = ticket.ReviewDeadline,
            Escalations = ticket.Escalations,
            Variant = ticket.DefinitionId,
            Reasons = ticket.ReviewReasons is null ? [] : JsonSerializer.Deserialize<List<string>>(ticket.ReviewReasons) ?? [],
            DecisionAction = decision?["action"]?.GetValue<string>(),
            Reviewer = decision?["reviewer"]?.GetValue<string>(),
        };
    }
}
