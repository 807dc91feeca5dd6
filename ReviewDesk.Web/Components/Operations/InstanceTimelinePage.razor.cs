using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Live;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>One workflow instance for an operator: status, journal, attempts with retries and errors, scheduled work, incidents; live.</summary>
public sealed partial class InstanceTimelinePage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private LiveRefresh? _live;

    [Parameter]
    public required string InstanceId { get; set; }

    [Inject]
    public required InstanceTimelineReader Reader { get; init; }

    [Inject]
    public required OperationsBoard Board { get; init; }

    [Inject]
    public required WorkflowEventStream Events { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<InstanceTimelinePage> Logger { get; init; }

    private InstanceTimeline? Timeline { get; set; }

    private bool Loaded { get; set; }

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    private bool Busy { get; set; }

    private string? Message { get; set; }

    private Severity MessageSeverity { get; set; }

    /// <summary>The page's address for an instance.</summary>
    public static string Href(string instanceId) => $"/operations/instances/{Uri.EscapeDataString(instanceId)}";

    protected override async Task OnParametersSetAsync()
    {
        Timeline = await Reader.ReadAsync(InstanceId, _disposed.Token);
        Loaded = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        // The filter reads the current parameter, so navigating to another instance keeps one subscription.
        _live = LiveRefresh.On(Events, Time, e => e.InstanceId == InstanceId, () => InvokeAsync(RefreshAsync), Logger);
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        if (await LiveRefresh.ReloadAsync(async ct => Timeline = await Reader.ReadAsync(InstanceId, ct), Logger, nameof(InstanceTimelinePage), _disposed.Token) is not { } stale) return;
        Stale = stale;
        StateHasChanged();
    }

    private Task RetryAsync() => RunCommandAsync("Retried", Board.RetryAsync);

    private Task CancelAsync() => RunCommandAsync("Cancelled", Board.CancelAsync);

    private async Task RunCommandAsync(string done, Func<string, CancellationToken, Task<OperationResult>> command)
    {
        Busy = true;
        try
        {
            var result = await command(InstanceId, _disposed.Token);
            (Message, MessageSeverity) = result.Succeeded ? ($"{done}.", Severity.Success) : (result.Error, Severity.Error);
            Timeline = await Reader.ReadAsync(InstanceId, _disposed.Token);
        }
        finally
        {
            Busy = false;
        }
    }

    public void Dispose()
    {
        _live?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
