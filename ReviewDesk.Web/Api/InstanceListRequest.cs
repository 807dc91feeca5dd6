using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Api;

/// <summary>The query string of <c>GET /api/instances</c>, bound as text and parsed here so a bad value names its parameter.</summary>
public sealed class InstanceListRequest
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Running, Suspended, Completed, Faulted or Cancelled.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }
    /// <summary>The workflow definition id.</summary>
    [FromQuery(Name = "definition")] public string? Definition { get; init; }
    /// <summary>The business key (for triage, the ticket id).</summary>
    [FromQuery(Name = "businessKey")] public string? BusinessKey { get; init; }
    [FromQuery(Name = "page")] public string? Page { get; init; }
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    /// <summary>The filter and page, or the problems by parameter name.</summary>
    public (InstanceFilter Filter, int Page, int PageSize, Dictionary<string, string[]> Errors) ToQuery()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WorkflowStatus? status = null;
        if (Status is not null)
        {
            if (!int.TryParse(Status, out _) && Enum.TryParse<WorkflowStatus>(Status, ignoreCase: true, out var parsed)) status = parsed;
            else errors["status"] = [$"The status must be one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}."];
        }

        if (Definition is { Length: 0 or > 100 }) errors["definition"] = ["The definition must be 1 to 100 characters."];
        if (BusinessKey is { Length: 0 or > 200 }) errors["businessKey"] = ["The business key must be 1 to 200 characters."];
        var page = QueryStringValues.Int(Page, "page", errors) ?? 1;
        var pageSize = QueryStringValues.Int(PageSize, "pageSize", errors) ?? 50;
        if (page < 1) errors.TryAdd("page", ["The page starts at 1."]);
        if (pageSize is < 1 or > MaxPageSize) errors.TryAdd("pageSize", [$"The page size must be 1 to {MaxPageSize}."]);
        return (new InstanceFilter { Status = status, DefinitionId = Definition, BusinessKey = BusinessKey }, page, pageSize, errors);
    }
}
