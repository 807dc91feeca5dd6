using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>What posting a decision link did.</summary>
/// <param name="Check">The link's verdict when it was posted.</param>
/// <param name="Decided">Whether the decision was applied.</param>
/// <param name="Message">A sentence for the page.</param>
/// <param name="Errors">Problems with the posted fields, by field; the decision was not attempted.</param>
/// <param name="Ticket">The ticket after the decision, when it was applied.</param>
public sealed record DecisionLinkResult(DecisionLinkCheck Check, bool Decided, string Message, IReadOnlyDictionary<string, string[]>? Errors = null, TicketView? Ticket = null);
