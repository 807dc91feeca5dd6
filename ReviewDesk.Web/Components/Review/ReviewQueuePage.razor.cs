using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The reviewers' queue: pending tickets filtered, ordered and paged in the database, kept live by the
/// review-queue changes (<see cref="ReviewQueueFeed"/>), resynchronised after a dropped connection.
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

    protected override async Task OnInitializedAsync()
    {
        Reviewer = await ReviewerIdentity.NameAsync(AuthenticationState);
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
