using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Persistence;

/// <summary>A resume as it arrived: kept until a bookmark takes it, and remembered for idempotency.</summary>
public sealed class ResumeRequestRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The caller's idempotency key (unique).</summary>
    public required string RequestId { get; set; }
    /// <summary>Target instance, when known.</summary>
    public string? InstanceId { get; set; }
    /// <summary>Target business key, when addressed by key.</summary>
    public string? BusinessKey { get; set; }
    /// <summary>Target bookmark kind.</summary>
    public string? Kind { get; set; }
    /// <summary>Target bookmark, when addressed by id, or the bookmark that took it.</summary>
    public string? BookmarkId { get; set; }
    /// <summary>Payload JSON.</summary>
    public string? Payload { get; set; }
    /// <summary>Who sent it.</summary>
    public string? Actor { get; set; }
    /// <summary>Pending, delivered or rejected.</summary>
    public ResumeState State { get; set; }
    /// <summary>Why it was rejected.</summary>
    public string? Message { get; set; }
    /// <summary>Arrival time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Delivery time.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>The W3C traceparent of the resume's span in the caller's trace (the step it wakes links to it).</summary>
    public string? TraceParent { get; set; }
}
