using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Identity;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Notifications;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The reviewers' queue: pending tickets filtered, ordered and paged in the database, kept live by the
/// review-queue changes (<see cref="ReviewQueueFeed"/>), resynchronised after a dropped connection. A reviewer selects
/// tickets on the page and approves them as suggested, assigns or escalates them in one go (<see cref="TicketService.BulkReviewAsync"/>).
/// </summary>
public sealed partial class ReviewQueuePage : IAsyncDisposable
{
    /// <summary>How often ages, times left and lapsed claims are brought up to date without any change.</summary>
    internal static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private MudTable<ReviewQueueItem>? _table;
    private LiveRefresh? _live;
    private ITimer? _tick;

    [Inject]
    public required ReviewQueue Queue { get; init; }

    [Inject]
    public required ReviewQueueFeed Feed { get; init; }

    [Inject]
    public required WorkflowDefinitionStore Definitions { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<ReviewQueuePage> Logger { get; init; }

    [Inject]
    public required TicketService Tickets { get; init; }

    [Inject]
    public required INotificationDirectory Directory { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "category")]
    public string? CategoryQuery { get; set; }

    [SupplyParameterFromQuery(Name = "priority")]
    public string? PriorityQuery { get; set; }

    [SupplyParameterFromQuery(Name = "reason")]
    public string? ReasonQuery { get; set; }

    [SupplyParameterFromQuery(Name = "pii")]
    public string? PiiQuery { get; set; }

    [SupplyParameterFromQuery(Name = "variant")]
    public string? VariantQuery { get; set; }

    [SupplyParameterFromQuery(Name = "min")]
    public string? MinQuery { get; set; }

    [SupplyParameterFromQuery(Name = "max")]
    public string? MaxQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortQuery { get; set; }

    /// <summary>Set by the ticket page when it sends the reviewer back (the queue ran empty, say).</summary>
    [SupplyParameterFromQuery(Name = "notice")]
    public string? NoticeQuery { get; set; }

    private ReviewQueueFilter Filter { get; set; } = new();

    private IReadOnlyList<string> Variants { get; set; } = [];

    private string? Reviewer { get; set; }

    private int Total { get; set; }

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    private bool Loading { get; set; }

    private string? Notice { get; set; }

    private bool IsAdmin { get; set; }

    /// <summary>The tickets on the page now; the selection never holds a ticket that is not among them.</summary>
    private IReadOnlyList<ReviewQueueItem> PageItems { get; set; } = [];

    private HashSet<string> Selected { get; } = new(StringComparer.Ordinal);

    private bool BulkBusy { get; set; }

    private bool CanBulk => Selected.Count > 0 && !BulkBusy && Reviewer is not null;

    /// <summary>Checked when every ticket on the page is selected, unchecked when none, indeterminate in between.</summary>
    private bool? AllOnPageSelected => Selected.Count == 0 ? false : PageItems.All(i => Selected.Contains(i.Id)) ? true : null;

    private BulkReviewResult? LastBulk { get; set; }

    /// <summary>The subjects of the last bulk action's tickets, as the queue showed them (approved ones leave it).</summary>
    private Dictionary<string, string?> BulkSubjects { get; set; } = new(StringComparer.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        var user = await ReviewerIdentity.UserAsync(AuthenticationState);
        Reviewer = ReviewerIdentity.Name(user);
        IsAdmin = user.IsInRole(ReviewDeskRoles.Admin);
        Variants = [.. (await Definitions.ListVersionsAsync(null, _disposed.Token)).Select(v => v.DefinitionId).Distinct().Order(StringComparer.Ordinal)];
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = ReviewQueueFilter.FromQuery(CategoryQuery, PriorityQuery, ReasonQuery, PiiQuery, VariantQuery, MinQuery, MaxQuery, SortQuery, out var invalid);
        var ignored = invalid.Concat(ReviewQueueFilter.UnknownNames(QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).Keys)).ToList();
        Notice = ignored.Count > 0 ? $"Ignored filters that are not valid: {string.Join(", ", ignored)}." : NoticeQuery;
        if (filter == Filter && _table is not null) return;
        Filter = filter;
        if (_table is not null) await _table.ReloadServerData();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render gets here: a prerender never subscribes. The table loaded before
        // this point; a change in between is caught by the reload the subscription triggers at once.
        if (!firstRender) return;
        _live = LiveRefresh.On(Feed, Time, _ => true, () => InvokeAsync(RefreshAsync), Logger);
        _tick = Time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, TickInterval, TickInterval);
        Connection.Changed += OnConnectionChangedAsync;
        _ = InvokeAsync(RefreshAsync);
    }

    private async Task<TableData<ReviewQueueItem>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var page = await Queue.ListAsync(Filter.ToQuery(state.Page + 1, state.PageSize), linked.Token);
        Total = page.Total;
        PageItems = page.Items;
        // A ticket that left the page (decided elsewhere, another page shown) leaves the selection.
        Selected.IntersectWith(page.Items.Select(i => i.Id));
        return new TableData<ReviewQueueItem> { Items = page.Items, TotalItems = page.Total };
    }

    private async Task RefreshAsync()
    {
        if (_disposed.IsCancellationRequested || _table is null) return;
        if (await LiveRefresh.ReloadAsync(_ => _table.ReloadServerData(), Logger, nameof(ReviewQueuePage), _disposed.Token) is not { } stale) return;
        Stale = stale;
        StateHasChanged();
    }

    private async Task OnConnectionChangedAsync(bool connected)
    {
        // Changes pushed while the browser was away may not have arrived: re-read the queue.
        await InvokeAsync(async () =>
        {
            StateHasChanged();
            if (connected) await RefreshAsync();
        });
    }

    private void OnFilterChanged(ReviewQueueFilter filter) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQueryParameters()), replace: true);

    private void OnRowClick(TableRowClickEventArgs<ReviewQueueItem> args)
    {
        if (args.Item is { } item) Navigation.NavigateTo(TicketPage.Href(item.Id));
    }

    private void Select(string ticketId, bool selected)
    {
        if (selected) Selected.Add(ticketId);
        else Selected.Remove(ticketId);
    }

    private void SelectAllOnPage(bool? selected)
    {
        // From indeterminate a click selects all, as most lists do.
        if (AllOnPageSelected == true) Selected.Clear();
        else Selected.UnionWith(PageItems.Select(i => i.Id));
    }

    private void ClearSelection() => Selected.Clear();

    /// <summary>Confirms, then applies <paramref name="action"/> to the selected tickets, each through the single-ticket path, and shows what happened to each.</summary>
    private async Task BulkAsync(string action)
    {
        if (!CanBulk) return;
        var ticketIds = PageItems.Where(i => Selected.Contains(i.Id)).Select(i => i.Id).ToList();
        var assignees = action == BulkReviewRequest.Assign && IsAdmin ? await AssigneesAsync() : [Reviewer!];
        if (await BulkActionDialog.AskAsync(Dialogs, action, ticketIds.Count, Reviewer!, assignees, mayTakeOver: IsAdmin) is not { } choice) return;
        if (BulkBusy) return;
        BulkBusy = true;
        StateHasChanged();
        try
        {
            // One request id per confirmed action: each ticket's decision is keyed by it, so running it twice changes nothing.
            var request = new BulkReviewRequest
            {
                Action = action,
                TicketIds = ticketIds,
                Assignee = action == BulkReviewRequest.Assign ? choice.Assignee : null,
                RequestId = $"console-bulk-{Guid.NewGuid():N}",
                TakeOver = IsAdmin && choice.TakeOver,
            };
            BulkSubjects = PageItems.Where(i => Selected.Contains(i.Id)).ToDictionary(i => i.Id, i => i.Subject, StringComparer.Ordinal);
            var assignee = action == BulkReviewRequest.Assign ? (IsAdmin ? choice.Assignee : Reviewer!) : null;
            LastBulk = await Tickets.BulkReviewAsync(request, Reviewer!, assignee, _disposed.Token);
            Selected.Clear();
        }
        finally
        {
            BulkBusy = false;
        }

        await RefreshAsync();
    }

    /// <summary>Who an admin may assign to: every account that may review, the admin first.</summary>
    private async Task<IReadOnlyList<string>> AssigneesAsync()
    {
        var names = new List<string> { Reviewer! };
        foreach (var role in ReviewDeskPolicies.Roles[ReviewDeskPolicies.Review])
        {
            names.AddRange((await Directory.MembersOfRoleAsync(role, _disposed.Token)).Select(m => m.UserName).OfType<string>());
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private string BulkSubject(string ticketId) =>
        BulkSubjects.TryGetValue(ticketId, out var subject) && !string.IsNullOrEmpty(subject) ? $"\u201C{subject}\u201D ({ticketId})" : ticketId;

    private static string BulkReason(BulkReviewItem item) => item.Reason switch
    {
        BulkReviewItem.ClaimedReason when item.ClaimedBy is { } holder => $"claimed by {holder}",
        BulkReviewItem.NotFoundReason => "no such ticket",
        BulkReviewItem.NotPendingReason => "no longer awaiting review",
        _ => item.Message ?? "not applied",
    };

    // A phone hides a stacked row's empty lines (app.css), so each ticket takes less of the screen.
    private static string? EmptyCellClass(bool empty) => empty ? "queue-cell-empty" : null;

    public async ValueTask DisposeAsync()
    {
        Connection.Changed -= OnConnectionChangedAsync;
        _live?.Dispose();
        if (_tick is not null) await _tick.DisposeAsync();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
