using System.Text.Json.Nodes;

namespace ReviewDesk.Workflows.Audit;

/// <summary>An entry of the audit trail as read back.</summary>
/// <param name="Id">Its id, in order of writing.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Action">What was done (<see cref="AuditActions"/>).</param>
/// <param name="TicketId">The ticket it concerns, if any.</param>
/// <param name="Target">What else it concerns, if any.</param>
/// <param name="Detail">Details.</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? TicketId, string? Target, JsonObject Detail);
