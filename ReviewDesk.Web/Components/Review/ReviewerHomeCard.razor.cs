using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Hubs;
using ReviewDesk.Web.Live;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The home page's card for a reviewer: how many tickets wait for them, the nearest review deadline and its ticket, how
/// many are overdue or escalated (<see cref="ReviewQueue.WorkloadAsync"/>). Live like the queue: the same review-queue
/// changes (<see cref="ReviewQueueFeed"/>), the same tick for deadlines that pass, a re-read after a dropped connection.
/// </summary>
public sealed partial class ReviewerHomeCard : IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private LiveRefresh? _live;
    private ITimer? _tick;

    /// <summary>The signed-in reviewer (claims are held under this name).</summary>
    [Parameter, EditorRequired]
    public string Reviewer { get; set; } = "";

    [Inject]
    public required ReviewQueue Queue { get; init; }

    [Inject]
    public required ReviewQueueFeed Feed { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<ReviewerHomeCard> Logger { get; init; }

    private ReviewWorkload? Workload { get; set; }

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    protected override async Task OnInitializedAsync() => Workload = await Queue.WorkloadAsync(Reviewer, _disposed.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render gets here, so a prerender never subscribes; a change between the load and the
        // subscription is caught by the refresh that follows it at once.
        if (!firstRender) return;
        _live = LiveRefresh.On(Feed, Time, _ => true, () => InvokeAsync(RefreshAsync), Logger);
        _tick = Time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, ReviewQueuePage.TickInterval, ReviewQueuePage.TickInterval);
        Connection.Changed += OnConnectionChangedAsync;
        _ = InvokeAsync(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        if (await LiveRefresh.ReloadAsync(async ct => Workload = await Queue.WorkloadAsync(Reviewer, ct), Logger, nameof(ReviewerHomeCard), _disposed.Token) is not { } stale) return;
        Stale = stale;
        StateHasChanged();
    }

    private async Task OnConnectionChangedAsync(bool connected)
    {
        if (connected) await InvokeAsync(RefreshAsync);
    }

    /// <summary>"in 12 min", or "overdue 5 min".</summary>
    internal static string TimeLeftText(TimeSpan? timeLeft) =>
        timeLeft < TimeSpan.Zero ? ReviewText.Duration(timeLeft) : $"in {ReviewText.Duration(timeLeft)}";

    private static string SubjectOf(ReviewQueueItem item) => string.IsNullOrWhiteSpace(item.Subject) ? $"Ticket {item.Id} (no subject)" : item.Subject;

    public async ValueTask DisposeAsync()
    {
        Connection.Changed -= OnConnectionChangedAsync;
        _live?.Dispose();
        if (_tick is not null) await _tick.DisposeAsync();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
