namespace ReviewDesk.Engine.Persistence;

/// <summary>One append-only journal entry of an instance.</summary>
public sealed class JournalEntryRecord
{
    /// <summary>The instance.</summary>
    public required string InstanceId { get; set; }
    /// <summary>Order within the instance, from 1.</summary>
    public int Sequence { get; set; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Entry type, see <see cref="Runtime.JournalTypes"/>.</summary>
    public required string Type { get; set; }
    /// <summary>The node concerned.</summary>
    public string? NodeId { get; set; }
    /// <summary>Its activity type.</summary>
    public string? ActivityType { get; set; }
    /// <summary>Attempt number.</summary>
    public int? Attempt { get; set; }
    /// <summary>Who caused it (worker id, user, API key).</summary>
    public string? Actor { get; set; }
    /// <summary>A short detail text; never PII.</summary>
    public string? Detail { get; set; }
}
