namespace ReviewDesk.Engine.Persistence;

/// <summary>A point where an instance waits for a resume or a deadline.</summary>
public sealed class BookmarkRecord
{
    /// <summary>Bookmark id.</summary>
    public required string Id { get; set; }
    /// <summary>The instance.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The instance's business key, denormalised for resumes by key.</summary>
    public required string BusinessKey { get; set; }
    /// <summary>The waiting node.</summary>
    public required string NodeId { get; set; }
    /// <summary>What it waits for.</summary>
    public required string Kind { get; set; }
    /// <summary>Payload JSON.</summary>
    public string? Payload { get; set; }
    /// <summary>Deadline, if any.</summary>
    public DateTimeOffset? Deadline { get; set; }
    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The W3C traceparent of the waiting workflow's trace, handed to the work that resumes it.</summary>
    public string? TraceParent { get; set; }
}
