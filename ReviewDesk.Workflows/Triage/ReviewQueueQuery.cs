using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Workflows.Triage;

/// <summary>Filters, order and page of the review queue; every filter is optional.</summary>
public sealed record ReviewQueueQuery
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The AI's category.</summary>
    public string? Category { get; init; }
    /// <summary>The current priority (P1..P4).</summary>
    public string? Priority { get; init; }
    /// <summary>Lowest AI confidence, inclusive.</summary>
    public double? MinConfidence { get; init; }
    /// <summary>Highest AI confidence, inclusive.</summary>
    public double? MaxConfidence { get; init; }
    /// <summary>A review reason code (<c>low_confidence</c>); <c>classification_failed</c> also matches its detailed forms.</summary>
    public string? Reason { get; init; }
    /// <summary>A PII type found in the ticket (<c>CREDIT_CARD</c>).</summary>
    public string? PiiType { get; init; }
    /// <summary>The workflow definition (variant) the ticket runs.</summary>
    public string? Variant { get; init; }
    /// <summary>Order.</summary>
    public ReviewQueueSort Sort { get; init; } = ReviewQueueSort.Deadline;
    /// <summary>Page number, from 1.</summary>
    public int Page { get; init; } = 1;
    /// <summary>Items per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Category is not null && !TicketLabels.Categories.Contains(Category)) errors["category"] = [$"The category must be one of {string.Join(", ", TicketLabels.Categories)}."];
        if (Priority is not null && !TicketLabels.Priorities.Contains(Priority)) errors["priority"] = ["The priority must be one of P1, P2, P3, P4."];
        if (MinConfidence is < 0 or > 1 || MinConfidence is double.NaN) errors["minConfidence"] = ["The confidence must be between 0 and 1."];
        if (MaxConfidence is < 0 or > 1 || MaxConfidence is double.NaN) errors["maxConfidence"] = ["The confidence must be between 0 and 1."];
        if (MinConfidence > MaxConfidence) errors["minConfidence"] = ["minConfidence is above maxConfidence."];
        if (Reason is not null && (Reason.Length is 0 or > 100 || !Reason.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':')))
        {
            errors["reason"] = ["A reason is a code of letters, digits, '_' and ':'."];
        }

        if (PiiType is not null && !PiiTypes.All.Contains(PiiType)) errors["piiType"] = [$"The PII type must be one of {string.Join(", ", PiiTypes.All)}."];
        if (Variant is { Length: 0 or > 200 }) errors["variant"] = ["The variant must be 1 to 200 characters."];
        if (!Enum.IsDefined(Sort)) errors["sort"] = ["The sort must be deadline, confidence or age."];
        if (Page < 1) errors["page"] = ["The page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"The page size must be 1 to {MaxPageSize}."];
        return errors;
    }
}
