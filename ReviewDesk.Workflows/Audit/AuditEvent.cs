using System.Text.Json.Nodes;

namespace ReviewDesk.Workflows.Audit;

/// <summary>An event to append to the audit trail. Never put PII values in <see cref="Detail"/>.</summary>
/// <param name="Actor">Who did it: a user name, <c>apikey:{name}</c> or <see cref="AuditActions.SystemActor"/>.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="TicketId">The ticket it concerns, if any.</param>
/// <param name="Target">What else it concerns (<c>definition:support-triage@2</c>, <c>apikey:7</c>), if not a ticket.</param>
/// <param name="Detail">Details (labels, types, names); no PII values.</param>
/// <param name="Key">Makes a repeated append of the same event a no-op (for steps that may run twice).</param>
public sealed record AuditEvent(string Actor, string Action, string? TicketId = null, string? Target = null, JsonObject? Detail = null, string? Key = null);
