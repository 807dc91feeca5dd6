using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Api;

/// <summary>
/// The query string of <c>GET /api/tickets</c>. Bound as text and parsed here, so a bad status, date
/// or number answers a 400 ValidationProblem that names the parameter.
/// </summary>
public sealed class TicketListRequest
{
    /// <summary>Received, Triaging, AwaitingReview, Escalated, Routed, Rejected, Failed or Cancelled.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }
    /// <summary>The queue a ticket was routed to.</summary>
    [FromQuery(Name = "queue")] public string? Queue { get; init; }
    /// <summary>The final category, or the AI's before a decision.</summary>
    [FromQuery(Name = "category")] public string? Category { get; init; }
    [FromQuery(Name = "channel")] public string? Channel { get; init; }
    /// <summary>The workflow definition the ticket runs.</summary>
    [FromQuery(Name = "variant")] public string? Variant { get; init; }
    /// <summary>A ticket id or external id (exact), or part of the redacted subject.</summary>
    [FromQuery(Name = "q")] public string? Q { get; init; }
    /// <summary>ISO 8601 date or date-time (UTC when no offset is given); inclusive.</summary>
    [FromQuery(Name = "createdFrom")] public string? CreatedFrom { get; init; }
    /// <summary>ISO 8601 date or date-time (UTC when no offset is given); exclusive.</summary>
    [FromQuery(Name = "createdTo")] public string? CreatedTo { get; init; }
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    /// <summary>The query, or the problems by parameter name.</summary>
    public (TicketListQuery Query, Dictionary<string, string[]> Errors) ToQuery()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = new TicketListQuery
        {
            Status = ParseStatus(Status, errors),
            Queue = Queue,
            Category = Category,
            Channel = Channel,
            Variant = Variant,
            Text = Q,
            CreatedFrom = QueryStringValues.Time(CreatedFrom, "createdFrom", errors),
            CreatedTo = QueryStringValues.Time(CreatedTo, "createdTo", errors),
            Page = QueryStringValues.Int(Page, "page", errors) ?? 1,
            PageSize = QueryStringValues.Int(PageSize, "pageSize", errors) ?? 50,
        };
        foreach (var (field, messages) in query.Validate()) errors.TryAdd(field, messages);
        return (query, errors);
    }

    private static TicketStatus? ParseStatus(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (!int.TryParse(text, out _) && Enum.TryParse<TicketStatus>(text, ignoreCase: true, out var status)) return status;
        errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetNames<TicketStatus>())}."];
        return null;
    }
}
