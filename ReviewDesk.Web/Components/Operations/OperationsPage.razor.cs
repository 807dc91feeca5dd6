using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Live;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>
/// The operator board: live counts, throughput, the history charts (last hour or day) with the stuck-work banner, waiting
/// tickets, problem instances with Retry and Cancel, ticket search.
/// </summary>
public sealed partial class OperationsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private LiveRefresh? _live;
    private ITimer? _tick;

    [Inject]
    public required OperationsBoard Board { get; init; }

    [Inject]
    public required WorkflowEventStream Events { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<OperationsPage> Logger { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private OperationsSnapshot? Snapshot { get; set; }

    private OperationsHistory? History { get; set; }

    private HistoryRange Range { get; set; } = HistoryRange.LastHour;

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    private bool Busy { get; set; }

    private string? SearchTerm { get; set; }

    private string? Message { get; set; }

    private Severity MessageSeverity { get; set; }

    /// <summary>The instance the message reports a retry of, so the message follows what it does next.</summary>
    private string? RetriedInstanceId { get; set; }

    private IReadOnlyList<KeyValuePair<string, int>> WorkflowRows =>
        [.. Snapshot!.Workflows.Select(c => KeyValuePair.Create(c.Key.ToString(), c.Value))];

    private IReadOnlyList<KeyValuePair<string, int>> TicketStatusRows =>
        [.. Snapshot!.TicketsByStatus.Select(c => KeyValuePair.Create(c.Key.ToString(), c.Value))];

    private IReadOnlyList<KeyValuePair<string, int>> QueueRows =>
        [.. Snapshot!.TicketsByQueue.Select(c => KeyValuePair.Create(c.Queue ?? "(none)", c.Count))];

    protected override Task OnInitializedAsync() => LoadAsync(_disposed.Token);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Snapshot = await Board.LoadAsync(cancellationToken);
        History = await Board.LoadHistoryAsync(Range, cancellationToken);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render gets here, so a prerender never subscribes.
        if (!firstRender) return;
        _live = LiveRefresh.On(Events, Time, _ => true, () => InvokeAsync(RefreshAsync), Logger);
        // Stuck work raises no event (nothing happens to it), so the board also reloads on a period: the banner appears,
        // and the oldest due age grows, without anyone touching the page.
        var interval = Board.Options.RefreshInterval;
        if (interval > TimeSpan.Zero) _tick = Time.CreateTimer(_ => _live?.Request(), null, interval, interval);
        StateHasChanged();
    }

    private async Task ChangeRangeAsync(HistoryRange range)
    {
        Range = range;
        History = await Board.LoadHistoryAsync(range, _disposed.Token);
    }

    private async Task RefreshAsync()
    {
        if (await LiveRefresh.ReloadAsync(LoadAsync, Logger, nameof(OperationsPage), _disposed.Token) is not { } stale) return;
        Stale = stale;
        DescribeRetry();
        StateHasChanged();
    }

    private async Task RetryAsync(string instanceId)
    {
        var actor = await OperatorCommands.ActorAsync(AuthenticationState);
        await RunCommandAsync(instanceId, "Retried", ct => Board.RetryAsync(instanceId, actor, ct));
        RetriedInstanceId = MessageSeverity == Severity.Success ? instanceId : null;
        DescribeRetry();
    }

    private async Task CancelAsync(string instanceId)
    {
        if (await OperatorCommands.AskCancelReasonAsync(Dialogs, instanceId) is not { } reason) return;
        var actor = await OperatorCommands.ActorAsync(AuthenticationState);
        await RunCommandAsync(instanceId, "Cancelled", ct => Board.CancelAsync(instanceId, actor, reason, ct));
    }

    /// <summary>After a retry the message says what the instance does now: it is listed again when it faulted again.</summary>
    private void DescribeRetry()
    {
        if (RetriedInstanceId is not { } id || Snapshot is null) return;
        var problem = Snapshot.Problems.Items.FirstOrDefault(p => p.InstanceId == id);
        (Message, MessageSeverity) = OperatorCommands.AfterRetry(id, problem?.Status, problem?.Error);
    }

    private async Task RunCommandAsync(string instanceId, string done, Func<CancellationToken, Task<OperationResult>> command)
    {
        Busy = true;
        RetriedInstanceId = null;
        try
        {
            var result = await command(_disposed.Token);
            (Message, MessageSeverity) = result.Succeeded
                ? ($"{done} {instanceId}.", Severity.Success)
                : ($"{instanceId}: {result.Error}", Severity.Error);
            Snapshot = await Board.LoadAsync(_disposed.Token);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task OnSearchKeyUpAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter") await SearchAsync();
    }

    private async Task SearchAsync()
    {
        if (string.IsNullOrWhiteSpace(SearchTerm)) return;
        var instanceId = await Board.FindInstanceIdAsync(SearchTerm, _disposed.Token);
        if (instanceId is null)
        {
            RetriedInstanceId = null;
            (Message, MessageSeverity) = ($"No ticket with id or external id \"{SearchTerm.Trim()}\" has a workflow.", Severity.Warning);
            return;
        }

        Navigation.NavigateTo(InstanceTimelinePage.Href(instanceId));
    }

    public void Dispose()
    {
        _tick?.Dispose();
        _live?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
