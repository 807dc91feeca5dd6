using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Web.Api;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Web.Components.Admin;

/// <summary>
/// <c>/audit</c>: admins browse the audit trail, newest first, filtered by action, actor, ticket and
/// UTC dates (the filters live in the URL) and paged in the database; Export CSV downloads what matches.
/// </summary>
public sealed partial class AuditPage
{
    private MudTable<AuditEntry>? _table;

    [Inject]
    public required AuditLog Audit { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? ActionFilter { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? ActorFilter { get; set; }

    [SupplyParameterFromQuery(Name = "ticketId")]
    public string? TicketFilter { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromFilter { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToFilter { get; set; }

    private FilterDraft Draft { get; set; } = new();

    private AuditQueryRequest Applied { get; set; } = new();

    private int Total { get; set; }

    private string? Error { get; set; }

    private string ExportHref => "/api/audit/export" + QueryString(Applied);

    protected override async Task OnParametersSetAsync()
    {
        Draft = new FilterDraft { Action = ActionFilter, Actor = ActorFilter, TicketId = TicketFilter, From = FromFilter, To = ToFilter };
        Applied = ToRequest(Draft);
        var (_, errors) = Applied.ToQuery();
        Error = errors.Count == 0 ? null : string.Join(" ", errors.SelectMany(e => e.Value));
        if (_table is not null) await _table.ReloadServerData();
    }

    private async Task<TableData<AuditEntry>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var (query, errors) = Applied.ToQuery();
        if (errors.Count > 0)
        {
            Total = 0;
            return new TableData<AuditEntry> { Items = [], TotalItems = 0 };
        }

        var page = await Audit.QueryAsync(query with { Page = state.Page + 1, PageSize = state.PageSize }, cancellationToken);
        // The table loads during its own render, after the count above it rendered: render that again.
        if (Total != page.Total)
        {
            Total = page.Total;
            StateHasChanged();
        }

        return new TableData<AuditEntry> { Items = page.Items, TotalItems = page.Total };
    }

    private Task ApplyAsync()
    {
        Navigation.NavigateTo("/audit" + QueryString(ToRequest(Draft)));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("/audit");
        return Task.CompletedTask;
    }

    /// <summary>The page's filters as the API's query; a "to" date includes its whole day.</summary>
    internal static AuditQueryRequest ToRequest(FilterDraft draft) => new()
    {
        Action = Blank(draft.Action),
        Actor = Blank(draft.Actor),
        TicketId = Blank(draft.TicketId),
        From = Blank(draft.From),
        To = Blank(draft.To) is { } to && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Blank(draft.To),
    };

    private static string QueryString(AuditQueryRequest request)
    {
        var pairs = new[] { ("action", request.Action), ("actor", request.Actor), ("ticketId", request.TicketId), ("from", request.From), ("to", request.To) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Summary(AuditEntry entry) => AuditDetailText.Format(entry.Detail);

    /// <summary>The filters as typed, before Apply.</summary>
    internal sealed class FilterDraft
    {
        public string? Action { get; set; }
        public string? Actor { get; set; }
        public string? TicketId { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
    }
}
