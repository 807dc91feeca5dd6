namespace ReviewDesk.Workflows.Triage;

/// <summary>A ticket in the review queue, as a reviewer's list shows it: redacted text only.</summary>
public sealed record ReviewQueueItem
{
    /// <summary>Ticket id.</summary>
    public required string Id { get; init; }
    /// <summary>Redacted subject.</summary>
    public string? Subject { get; init; }
    /// <summary>AwaitingReview or Escalated.</summary>
    public required TicketStatus Status { get; init; }
    /// <summary>The AI's category (null when classification failed).</summary>
    public string? Category { get; init; }
    /// <summary>The current priority (raised by escalations).</summary>
    public string? Priority { get; init; }
    /// <summary>The AI's confidence.</summary>
    public double? Confidence { get; init; }
    /// <summary>Why a reviewer must look.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>PII types found (no values).</summary>
    public IReadOnlyList<string> PiiTypes { get; init; } = [];
    /// <summary>Submission time.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Time since submission.</summary>
    public TimeSpan Age { get; init; }
    /// <summary>When the review escalates.</summary>
    public DateTimeOffset? Deadline { get; init; }
    /// <summary>Time until the deadline (negative once passed).</summary>
    public TimeSpan? TimeLeft { get; init; }
    /// <summary>How many deadlines passed.</summary>
    public int Escalations { get; init; }
    /// <summary>The reviewer holding a live claim; null when free.</summary>
    public string? ClaimedBy { get; init; }
    /// <summary>When that claim lapses.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }
    /// <summary>The workflow definition (variant).</summary>
    public required string Variant { get; init; }
}
