using System.Globalization;
using MudBlazor;

namespace ReviewDesk.Web.Components.Review;

/// <summary>How the review pages word and colour labels, reasons and times.</summary>
public static class ReviewText
{
    /// <summary>The review reason codes a reviewer can filter by, with what they mean.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Reasons { get; } =
    [
        new("low_confidence", "Low confidence"),
        new("security_category", "Security"),
        new("p1_priority", "P1 priority"),
        new("high_risk_pii", "High-risk PII"),
        new("audit_sample", "Audit sample"),
        new("no_classification", "No classification"),
        new("classification_failed", "AI step failed"),
        new("variant_requires_review", "Variant reviews all"),
    ];

    /// <summary>A reason code as words; a detailed code (<c>classification_failed:ServerError</c>) keeps its detail.</summary>
    public static string Reason(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var (name, detail) = code.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (code[..colon], code[(colon + 1)..]) : (code, null);
        var words = Reasons.FirstOrDefault(r => r.Key == name).Value ?? name.Replace('_', ' ');
        return detail is null ? words : $"{words} ({detail})";
    }

    /// <summary>A category code as words: <c>technical_issue</c> is "technical issue".</summary>
    public static string Category(string? category) => category is null ? "none" : category.Replace('_', ' ');

    /// <summary>P1 red .. P4 grey.</summary>
    public static Color PriorityColor(string? priority) => priority switch
    {
        "P1" => Color.Error,
        "P2" => Color.Warning,
        "P3" => Color.Info,
        _ => Color.Default,
    };

    /// <summary>Low confidence stands out.</summary>
    public static Color ConfidenceColor(double? confidence) => confidence switch
    {
        null => Color.Error,
        < 0.5 => Color.Error,
        < 0.8 => Color.Warning,
        _ => Color.Success,
    };

    /// <summary>0.734 as "73%".</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "n/a";

    /// <summary>A duration as a reviewer reads it: "45 s", "12 min", "3 h 5 min", "2 d 4 h"; negative as "overdue 5 min".</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } value) return "";
        var overdue = value < TimeSpan.Zero;
        var d = overdue ? value.Negate() : value;
        var text = d.TotalMinutes < 1 ? $"{(int)d.TotalSeconds} s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes} min"
            : d.TotalDays < 1 ? $"{(int)d.TotalHours} h {d.Minutes} min"
            : $"{(int)d.TotalDays} d {d.Hours} h";
        return overdue ? $"overdue {text}" : text;
    }
}
