namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>What a shadow classifier (a candidate model version or an LLM provider) said about a live ticket; never acted on.</summary>
public sealed class ShadowClassificationRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }
    /// <summary>The ticket.</summary>
    public required string TicketId { get; set; }
    /// <summary>The shadow: <c>version:v3</c> or <c>provider:name</c>.</summary>
    public required string Shadow { get; set; }
    /// <summary>Its category.</summary>
    public required string Category { get; set; }
    /// <summary>Its priority.</summary>
    public required string Priority { get; set; }
    /// <summary>Its confidence.</summary>
    public double Confidence { get; set; }
    /// <summary>When it classified.</summary>
    public DateTimeOffset At { get; set; }
}
