using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>
/// Which tickets notify a reviewer, and how. An empty list means every value; a ticket notifies when its category,
/// priority and variant are each in the lists.
/// </summary>
public sealed record NotificationPreferences
{
    /// <summary>Everything, immediately: what a reviewer who chose nothing gets.</summary>
    public static NotificationPreferences Default { get; } = new();

    /// <summary>How.</summary>
    public NotificationMode Mode { get; init; } = NotificationMode.Immediate;

    /// <summary>Categories that notify; empty: all.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Priorities that notify; empty: all.</summary>
    public IReadOnlyList<string> Priorities { get; init; } = [];

    /// <summary>Variants (workflow definition ids) that notify; empty: all.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>Whether a ticket with these labels notifies at all (the mode aside).</summary>
    public bool Matches(string? category, string? priority, string? variant) =>
        In(Categories, category) && In(Priorities, priority) && In(Variants, variant);

    /// <summary>Problems by field; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.IsDefined(Mode)) errors["mode"] = ["The mode must be Immediate, Digest or Off."];
        if (Categories.FirstOrDefault(c => !TicketLabels.Categories.Contains(c)) is { } category) errors["categories"] = [$"'{category}' is not a category."];
        if (Priorities.FirstOrDefault(p => !TicketLabels.Priorities.Contains(p)) is { } priority) errors["priorities"] = [$"'{priority}' is not a priority."];
        if (Variants.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 100 || v.Contains(',', StringComparison.Ordinal))) errors["variants"] = ["A variant is a workflow definition id."];
        return errors;
    }

    private static bool In(IReadOnlyList<string> allowed, string? value) =>
        allowed.Count == 0 || (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase));
}
