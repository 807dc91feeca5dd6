using System.Globalization;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Web.Api;

/// <summary>
/// The query string of <c>GET /api/audit</c> and <c>/api/audit/export</c>. Bound as text and parsed
/// here, so a bad number or date answers a 400 ValidationProblem that names the parameter.
/// </summary>
public sealed class AuditQueryRequest
{
    /// <summary>One of the audit actions (<c>approve</c>, <c>reveal_pii</c>...).</summary>
    public string? Action { get; init; }
    /// <summary>Part of the actor's name.</summary>
    public string? Actor { get; init; }
    public string? TicketId { get; init; }
    /// <summary>ISO 8601 time or date; entries at or after it.</summary>
    public string? From { get; init; }
    /// <summary>ISO 8601 time or date; entries before it.</summary>
    public string? To { get; init; }
    public string? Page { get; init; }
    public string? PageSize { get; init; }

    /// <summary>The query, or the problems by parameter name.</summary>
    public (AuditQuery Query, Dictionary<string, string[]> Errors) ToQuery()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new AuditQuery
        {
            Action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
            Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
            TicketId = string.IsNullOrWhiteSpace(TicketId) ? null : TicketId.Trim(),
            From = ParseTime(From, "from", errors),
            To = ParseTime(To, "to", errors),
            Page = ParseInt(Page, "page", errors) ?? 1,
            PageSize = ParseInt(PageSize, "pageSize", errors) ?? 50,
        };
        foreach (var (field, messages) in query.Validate()) errors.TryAdd(field, messages);
        return (query, errors);
    }

    private static DateTimeOffset? ParseTime(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
        errors[name] = [$"'{name}' must be an ISO 8601 date or time (2026-01-31 or 2026-01-31T12:00:00Z)."];
        return null;
    }

    private static int? ParseInt(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors[name] = [$"'{name}' must be a whole number."];
        return null;
    }
}
