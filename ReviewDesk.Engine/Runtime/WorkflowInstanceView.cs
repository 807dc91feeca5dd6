using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Runtime;

/// <summary>An instance as read from the database (readable while no worker runs).</summary>
public sealed record WorkflowInstanceView
{
    /// <summary>Instance id.</summary>
    public required string Id { get; init; }
    /// <summary>Definition id.</summary>
    public required string DefinitionId { get; init; }
    /// <summary>The version it runs.</summary>
    public required int DefinitionVersion { get; init; }
    /// <summary>Business key.</summary>
    public required string BusinessKey { get; init; }
    /// <summary>Status.</summary>
    public required WorkflowStatus Status { get; init; }
    /// <summary>The node last scheduled, executed or waiting.</summary>
    public string? CurrentNodeId { get; init; }
    /// <summary>The node that faulted it.</summary>
    public string? FaultedNodeId { get; init; }
    /// <summary>The fault's error.</summary>
    public string? Error { get; init; }
    /// <summary>Input.</summary>
    public JsonNode? Input { get; init; }
    /// <summary>Variables.</summary>
    public required JsonObject Variables { get; init; }
    /// <summary>Outputs by node id.</summary>
    public required JsonObject Outputs { get; init; }
    /// <summary>Write counter.</summary>
    public long Version { get; init; }
    /// <summary>Start time.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>End time.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>One journal entry.</summary>
public sealed record JournalEntryView(
    int Sequence, DateTimeOffset At, string Type, string? NodeId, string? ActivityType, int? Attempt, string? Actor, string? Detail);

/// <summary>An open bookmark.</summary>
public sealed record BookmarkView(
    string Id, string InstanceId, string BusinessKey, string NodeId, string Kind, JsonNode? Payload, DateTimeOffset? Deadline, DateTimeOffset CreatedAt);

/// <summary>An incident.</summary>
public sealed record IncidentView(
    long Id, string InstanceId, string NodeId, string ActivityType, int Attempt, string ErrorKind, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt);

/// <summary>One activity attempt's checkpoint.</summary>
public sealed record ExecutionView(
    string NodeId, string ActivityType, int Attempt, string Status, string? Outcome, JsonNode? Output, string? ErrorKind, string? Error,
    JsonNode? Metrics, string? Worker, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>Work scheduled for an instance; a lease shows which worker runs it now.</summary>
public sealed record ScheduledWorkView(string NodeId, WorkItemKind Kind, int Attempt, DateTimeOffset DueAt, string? LeaseOwner, DateTimeOffset? LeaseUntil);

/// <summary>Filters for listing instances; every filter is optional.</summary>
public sealed record InstanceFilter
{
    /// <summary>Only this status.</summary>
    public WorkflowStatus? Status { get; init; }
    /// <summary>Only this definition.</summary>
    public string? DefinitionId { get; init; }
    /// <summary>Only this business key.</summary>
    public string? BusinessKey { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }
    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }
}

/// <summary>A page of results.</summary>
/// <param name="Items">The page.</param>
/// <param name="Total">How many match in all.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Page size.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
