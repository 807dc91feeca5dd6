using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// The query string of <c>GET /api/reviews</c>. Bound as text and parsed here, so a bad number or
/// sort answers a 400 ValidationProblem that names the parameter.
/// </summary>
public sealed class ReviewQueueRequest
{
    [FromQuery(Name = "category")] public string? Category { get; init; }
    [FromQuery(Name = "priority")] public string? Priority { get; init; }
    [FromQuery(Name = "minConfidence")] public string? MinConfidence { get; init; }
    [FromQuery(Name = "maxConfidence")] public string? MaxConfidence { get; init; }
    [FromQuery(Name = "reason")] public string? Reason { get; init; }
    [FromQuery(Name = "piiType")] public string? PiiType { get; init; }
    [FromQuery(Name = "variant")] public string? Variant { get; init; }
    /// <summary><c>deadline</c> (default), <c>confidence</c> (lowest first) or <c>age</c> (oldest first).</summary>
    [FromQuery(Name = "sort")] public string? Sort { get; init; }
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    /// <summary>The query, or the problems by parameter name.</summary>
    public (ReviewQueueQuery Query, Dictionary<string, string[]> Errors) ToQuery()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new ReviewQueueQuery
        {
            Category = Category,
            Priority = Priority,
            MinConfidence = QueryStringValues.Double(MinConfidence, "minConfidence", errors),
            MaxConfidence = QueryStringValues.Double(MaxConfidence, "maxConfidence", errors),
            Reason = Reason,
            PiiType = PiiType,
            Variant = Variant,
            Sort = ParseSort(Sort, errors),
            Page = QueryStringValues.Int(Page, "page", errors) ?? 1,
            PageSize = QueryStringValues.Int(PageSize, "pageSize", errors) ?? 50,
        };
        foreach (var (field, messages) in query.Validate()) errors.TryAdd(field, messages);
        return (query, errors);
    }

    private static ReviewQueueSort ParseSort(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return ReviewQueueSort.Deadline;
        if (!int.TryParse(text, out _) && Enum.TryParse<ReviewQueueSort>(text, ignoreCase: true, out var sort)) return sort;
        errors["sort"] = ["The sort must be deadline, confidence or age."];
        return ReviewQueueSort.Deadline;
    }
}
