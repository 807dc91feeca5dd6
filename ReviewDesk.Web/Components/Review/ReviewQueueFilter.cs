using System.Globalization;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The review queue's filters and order as the page's query string carries them, so a filtered view
/// survives a reload and can be shared. Confidence bounds are whole percents.
/// </summary>
public sealed record ReviewQueueFilter
{
    public string? Category { get; init; }
    public string? Priority { get; init; }
    public string? Reason { get; init; }
    public string? PiiType { get; init; }
    public string? Variant { get; init; }
    public int? MinConfidence { get; init; }
    public int? MaxConfidence { get; init; }
    public ReviewQueueSort Sort { get; init; } = ReviewQueueSort.Deadline;

    /// <summary>No filter set (the order does not count).</summary>
    public bool IsEmpty => this with { Sort = ReviewQueueSort.Deadline } == new ReviewQueueFilter();

    /// <summary>The database query for one page.</summary>
    public ReviewQueueQuery ToQuery(int page, int pageSize) => new()
    {
        Category = Category,
        Priority = Priority,
        Reason = Reason,
        PiiType = PiiType,
        Variant = Variant,
        MinConfidence = MinConfidence / 100.0,
        MaxConfidence = MaxConfidence / 100.0,
        Sort = Sort,
        Page = page,
        PageSize = pageSize,
    };

    /// <summary>The query-string values, null for those not set (NavigationManager drops nulls).</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["category"] = Category,
        ["priority"] = Priority,
        ["reason"] = Reason,
        ["pii"] = PiiType,
        ["variant"] = Variant,
        ["min"] = MinConfidence?.ToString(CultureInfo.InvariantCulture),
        ["max"] = MaxConfidence?.ToString(CultureInfo.InvariantCulture),
        ["sort"] = Sort == ReviewQueueSort.Deadline ? null : Sort.ToString().ToLowerInvariant(),
    };

    /// <summary>The query-string names the queue reads: the filters, the order, and the ticket page's notice.</summary>
    public static IReadOnlySet<string> QueryNames { get; } =
        new HashSet<string>(["category", "priority", "reason", "pii", "variant", "min", "max", "sort", "notice"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The names in <paramref name="names"/> the queue does not read (<c>minConfidence</c> is the API's name, not the
    /// page's), each marked as unknown, so a mistyped or copied filter is reported rather than silently not applied.
    /// </summary>
    public static IReadOnlyList<string> UnknownNames(IEnumerable<string> names) =>
        [.. names.Where(name => !QueryNames.Contains(name)).Select(name => $"{name} (not a filter of this page)")];

    /// <summary>
    /// Reads the query string; values that do not parse or are not known are dropped (and named in
    /// <paramref name="ignored"/>) rather than failing the page.
    /// </summary>
    public static ReviewQueueFilter FromQuery(
        string? category, string? priority, string? reason, string? pii, string? variant, string? min, string? max, string? sort, out IReadOnlyList<string> ignored)
    {
        var dropped = new List<string>();
        var filter = new ReviewQueueFilter
        {
            Category = Blank(category),
            Priority = Blank(priority),
            Reason = Blank(reason),
            PiiType = Blank(pii),
            Variant = Blank(variant),
            MinConfidence = Percent(min, "min", dropped),
            MaxConfidence = Percent(max, "max", dropped),
            Sort = Blank(sort) is { } s && !int.TryParse(s, out _) && Enum.TryParse<ReviewQueueSort>(s, ignoreCase: true, out var parsed) ? parsed : ReviewQueueSort.Deadline,
        };
        if (Blank(sort) is not null && filter.Sort == ReviewQueueSort.Deadline && !string.Equals(sort, "deadline", StringComparison.OrdinalIgnoreCase)) dropped.Add("sort");

        // The query's own validation names what is wrong (an unknown category, say); those values are dropped.
        foreach (var field in filter.ToQuery(1, 1).Validate().Keys)
        {
            dropped.Add(field);
            filter = field switch
            {
                "category" => filter with { Category = null },
                "priority" => filter with { Priority = null },
                "reason" => filter with { Reason = null },
                "piiType" => filter with { PiiType = null },
                "variant" => filter with { Variant = null },
                "minConfidence" => filter with { MinConfidence = null },
                "maxConfidence" => filter with { MaxConfidence = null },
                _ => filter,
            };
        }

        ignored = dropped;
        return filter;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? Percent(string? text, string name, List<string> dropped)
    {
        if (Blank(text) is not { } value) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100) return percent;
        dropped.Add(name);
        return null;
    }
}
