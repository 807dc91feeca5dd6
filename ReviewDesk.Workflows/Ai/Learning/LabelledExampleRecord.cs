namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// A reviewer's decision as a labelled example: the redacted text, the final labels, who decided, and what
/// the AI had said. Written in the decision's own transaction (<see cref="LabelledExampleWriter"/>), one per ticket.
/// </summary>
public sealed class LabelledExampleRecord
{
    /// <summary>Row id (insertion order).</summary>
    public long Id { get; set; }
    /// <summary>The ticket (unique: a ticket is decided once).</summary>
    public required string TicketId { get; set; }
    /// <summary>Redacted subject.</summary>
    public required string Subject { get; set; }
    /// <summary>Redacted body.</summary>
    public required string Body { get; set; }
    /// <summary>The final category, the reviewer's.</summary>
    public required string Category { get; set; }
    /// <summary>The final priority, the reviewer's.</summary>
    public required string Priority { get; set; }
    /// <summary>The AI's sentiment (reviewers do not label it).</summary>
    public required string Sentiment { get; set; }
    /// <summary>The AI's language.</summary>
    public required string Language { get; set; }
    /// <summary>The reviewer who decided.</summary>
    public required string Reviewer { get; set; }
    /// <summary>The AI's category.</summary>
    public string? AiCategory { get; set; }
    /// <summary>The AI's priority.</summary>
    public string? AiPriority { get; set; }
    /// <summary>The AI's confidence in its category.</summary>
    public double? AiConfidence { get; set; }
    /// <summary>Whether the AI's category was the reviewer's.</summary>
    public bool CategoryCorrect { get; set; }
    /// <summary>Whether the AI's priority was the reviewer's.</summary>
    public bool PriorityCorrect { get; set; }
    /// <summary>The provider that classified it.</summary>
    public string? Provider { get; set; }
    /// <summary>The model version that classified it (<c>base</c>, <c>v1</c>...; the model name for providers without versions).</summary>
    public string? ModelVersion { get; set; }
    /// <summary>When the decision committed.</summary>
    public DateTimeOffset DecidedAt { get; set; }
}
