namespace ReviewDesk.Workflows.Persistence;

/// <summary>
/// One entry of the audit trail. Rows are only ever inserted: <see cref="Audit.AuditLog"/> offers no
/// update or delete, and database triggers refuse both. Never holds PII values.
/// </summary>
public sealed class AuditEntryRecord
{
    /// <summary>Database id, in order of writing.</summary>
    public long Id { get; set; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>Who did it: a user name, <c>apikey:{name}</c>, or <c>system</c>.</summary>
    public required string Actor { get; set; }
    /// <summary>What was done, one of <see cref="Audit.AuditActions"/>.</summary>
    public required string Action { get; set; }
    /// <summary>The ticket it concerns, if any.</summary>
    public string? TicketId { get; set; }
    /// <summary>What else it concerns (a definition version, an API key), if not a ticket.</summary>
    public string? Target { get; set; }
    /// <summary>Details as a JSON object.</summary>
    public required string Detail { get; set; }
    /// <summary>A unique key that makes a repeated write of the same event a no-op (a retried workflow step).</summary>
    public string? Key { get; set; }
}
