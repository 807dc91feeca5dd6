namespace ReviewDesk.Engine.Persistence;

/// <summary>The checkpoint of one activity attempt: its result or its error.</summary>
public sealed class ExecutionRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The instance.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The node.</summary>
    public required string NodeId { get; set; }
    /// <summary>The activity type.</summary>
    public required string ActivityType { get; set; }
    /// <summary>Attempt number.</summary>
    public int Attempt { get; set; }
    /// <summary>Completed, Suspended or Failed.</summary>
    public required string Status { get; set; }
    /// <summary>The outcome taken, when completed.</summary>
    public string? Outcome { get; set; }
    /// <summary>Output JSON.</summary>
    public string? Output { get; set; }
    /// <summary>Error kind of a failure.</summary>
    public string? ErrorKind { get; set; }
    /// <summary>Error message of a failure.</summary>
    public string? Error { get; set; }
    /// <summary>Usage figures (tokens, cost) as JSON.</summary>
    public string? Metrics { get; set; }
    /// <summary>The worker that ran it.</summary>
    public string? Worker { get; set; }
    /// <summary>Start of the attempt.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>End of the attempt.</summary>
    public DateTimeOffset FinishedAt { get; set; }
}
