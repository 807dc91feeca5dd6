namespace ReviewDesk.Workflows.Audit;

/// <summary>One page of the audit trail.</summary>
/// <param name="Items">The entries, newest first.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Entries per page.</param>
/// <param name="Total">Entries matching the filters in all.</param>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);
