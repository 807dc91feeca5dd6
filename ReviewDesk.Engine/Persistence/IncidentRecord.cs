namespace ReviewDesk.Engine.Persistence;

/// <summary>A failure that ran out of attempts, for operators to look at.</summary>
public sealed class IncidentRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The instance.</summary>
    public required string InstanceId { get; set; }
    /// <summary>The node.</summary>
    public required string NodeId { get; set; }
    /// <summary>The activity type.</summary>
    public required string ActivityType { get; set; }
    /// <summary>The last attempt.</summary>
    public int Attempt { get; set; }
    /// <summary>Error kind.</summary>
    public required string ErrorKind { get; set; }
    /// <summary>Error message.</summary>
    public required string Message { get; set; }
    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>When an operator retried or cancelled the instance.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}
