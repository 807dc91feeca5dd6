namespace ReviewDesk.Workflows.Ai;

/// <summary>The label sets of triage.</summary>
public static class TicketLabels
{
    /// <summary>Ticket categories.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        ["billing", "refund", "technical_issue", "account_access", "shipping", "feature_request", "security", "general_inquiry"];

    /// <summary>Priorities, most urgent first.</summary>
    public static IReadOnlyList<string> Priorities { get; } = ["P1", "P2", "P3", "P4"];

    /// <summary>Sentiments.</summary>
    public static IReadOnlyList<string> Sentiments { get; } = ["negative", "neutral", "positive"];
}
