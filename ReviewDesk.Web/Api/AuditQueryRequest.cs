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
            From = QueryStringValues.Time(Blank(From), "from", errors),
            To = QueryStringValues.Time(Blank(To), "to", errors),
            Page = QueryStringValues.Int(Page, "page", errors) ?? 1,
            PageSize = QueryStringValues.Int(PageSize, "pageSize", errors) ?? 50,
        };
        foreach (var (field, messages) in query.Validate()) errors.TryAdd(field, messages);
        return (query, errors);
    }

    // The audit page sends empty fields; a blank date is no filter here.
    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
