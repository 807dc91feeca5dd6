namespace ReviewDesk.Workflows.Triage;

/// <summary>One page of the ticket list.</summary>
/// <param name="Items">The page's tickets, newest first.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Tickets matching the filters on all pages.</param>
public sealed record TicketListPage(IReadOnlyList<TicketListItem> Items, int Page, int PageSize, int Total);
