using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// A resume: address a bookmark by its id, or by (instance id or business key, kind). The request id
/// makes it idempotent: a repeated request id returns the first answer and changes nothing.
/// </summary>
public sealed record ResumeRequest
{
    /// <summary>The caller's idempotency key.</summary>
    public required string RequestId { get; init; }

    /// <summary>The bookmark to resume.</summary>
    public string? BookmarkId { get; init; }

    /// <summary>The instance whose bookmark of <see cref="Kind"/> to resume.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The business key whose bookmark of <see cref="Kind"/> to resume (the instance may not exist yet).</summary>
    public string? BusinessKey { get; init; }

    /// <summary>The bookmark kind, when not addressing a bookmark id.</summary>
    public string? Kind { get; init; }

    /// <summary>Data for the resumed activity.</summary>
    public JsonNode? Payload { get; init; }

    /// <summary>Who resumes (user, API key); journaled.</summary>
    public string? Actor { get; init; }
}

/// <summary>What happened to a resume.</summary>
public enum ResumeOutcome
{
    /// <summary>Handed to a waiting bookmark.</summary>
    Delivered,
    /// <summary>No bookmark waits yet; kept and delivered when one appears.</summary>
    Kept,
    /// <summary>Refused; see the message.</summary>
    Rejected,
}

/// <summary>The answer to a resume.</summary>
/// <param name="Outcome">Delivered, kept or rejected.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="InstanceId">The instance, when known.</param>
/// <param name="BookmarkId">The bookmark that took it.</param>
/// <param name="Message">Why it was rejected.</param>
/// <param name="Duplicate">True when this request id was seen before and this is the first answer again.</param>
public sealed record ResumeResult(
    ResumeOutcome Outcome, string RequestId, string? InstanceId, string? BookmarkId, string? Message, bool Duplicate)
{
    /// <summary>The instance after the resumed work ran to its next suspension or end (synchronous resumes only).</summary>
    public WorkflowInstanceView? Instance { get; init; }
}
