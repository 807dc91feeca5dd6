namespace ReviewDesk.Web.Components.Review;

/// <summary>The ticket page's keyboard shortcuts (handled by wwwroot/js/review-shortcuts.js, which calls the page).</summary>
public static class TicketShortcuts
{
    /// <summary>Key and what it does, as the help dialog lists them.</summary>
    public static IReadOnlyList<(string Key, string Action)> All { get; } =
    [
        ("A", "Approve the AI's labels"),
        ("E", "Edit the labels, then approve"),
        ("R", "Reject (with a comment)"),
        ("X", "Escalate"),
        ("C", "Write a comment"),
        ("J", "Next ticket in the queue"),
        ("K", "Previous ticket in the queue"),
        ("?", "This help"),
    ];
}
