using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Live;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>
/// The home page's card for an operator: faulted instances and open incidents (the board's problem list), stuck work
/// (due work no worker holds and the oldest one's age, with the board's banner once that age passes
/// <see cref="OperationsOptions.StuckWorkThreshold"/>)
/// and the ticket waiting longest. Live like the board: a refresh after workflow events, and on a tick for the ages.
/// </summary>
public sealed partial class OperatorHomeCard : IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private LiveRefresh? _live;
    private ITimer? _tick;

    [Inject]
    public required OperationsQueries Queries { get; init; }

    [Inject]
    public required Microsoft.Extensions.Options.IOptions<OperationsOptions> Options { get; init; }

    [Inject]
    public required WorkflowQueries Workflows { get; init; }

    [Inject]
    public required WorkflowEventStream Events { get; init; }

    [Inject]
    public required CircuitConnection Connection { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<OperatorHomeCard> Logger { get; init; }

    private OperatorHomeFigures? Figures { get; set; }

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    protected override async Task OnInitializedAsync() => Figures = await LoadAsync(_disposed.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render gets here, so a prerender never subscribes.
        if (!firstRender) return;
        _live = LiveRefresh.On(Events, Time, _ => true, () => InvokeAsync(RefreshAsync), Logger);
        _tick = Time.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, Review.ReviewQueuePage.TickInterval, Review.ReviewQueuePage.TickInterval);
        Connection.Changed += OnConnectionChangedAsync;
        _ = InvokeAsync(RefreshAsync);
    }

    private async Task<OperatorHomeFigures> LoadAsync(CancellationToken cancellationToken)
    {
        var counts = await Workflows.CountByStatusAsync(null, cancellationToken);
        var incidents = await Workflows.GetIncidentsAsync(null, cancellationToken);
        var due = await Queries.GetDueWorkAsync(cancellationToken);
        var waiting = await Queries.GetLongestWaitingAsync(1, cancellationToken);
        return new OperatorHomeFigures(counts.GetValueOrDefault(WorkflowStatus.Faulted), incidents.Count, due, waiting.FirstOrDefault());
    }

    private async Task RefreshAsync()
    {
        if (await LiveRefresh.ReloadAsync(async ct => Figures = await LoadAsync(ct), Logger, nameof(OperatorHomeCard), _disposed.Token) is not { } stale) return;
        Stale = stale;
        StateHasChanged();
    }

    private async Task OnConnectionChangedAsync(bool connected)
    {
        if (connected) await InvokeAsync(RefreshAsync);
    }

    // The open incidents are read a page at a time (WorkflowQueries.MaxPageSize): a full page means there may be more.
    private static string IncidentCount(int count) => count >= WorkflowQueries.MaxPageSize ? $"{count}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string SubjectOf(WaitingTicket ticket) => string.IsNullOrWhiteSpace(ticket.Subject) ? $"Ticket {ticket.Id} (no subject)" : ticket.Subject;

    public async ValueTask DisposeAsync()
    {
        Connection.Changed -= OnConnectionChangedAsync;
        _live?.Dispose();
        if (_tick is not null) await _tick.DisposeAsync();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
