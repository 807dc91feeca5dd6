namespace ReviewDesk.Workflows.Triage;

/// <summary>A ticket's original PII values, revealed to an authorised user (and audited). Sensitive: never log or store it.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Values">Placeholder (<c>&lt;EMAIL_ADDRESS_1&gt;</c>) to the original value.</param>
/// <param name="Types">The PII types revealed, sorted.</param>
public sealed record PiiReveal(string TicketId, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Types);
