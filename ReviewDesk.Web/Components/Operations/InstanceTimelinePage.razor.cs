using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private InstanceTimeline? Timeline { get; set; }

    private bool Loaded { get; set; }

    private bool Live => _live is not null;

    private bool Stale { get; set; }

    private bool Busy { get; set; }

    private string? Message { get; set; }

    /// <summary>The message is about a retry, so it follows what the instance does next.</summary>
    private bool Retried { get; set; }

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
        DescribeRetry();
        StateHasChanged();
    }

    private async Task RetryAsync()
    {
        var actor = await OperatorCommands.ActorAsync(AuthenticationState);
        await RunCommandAsync("Retried", ct => Board.RetryAsync(InstanceId, actor, ct));
        Retried = Message is not null && MessageSeverity == Severity.Success;
        DescribeRetry();
    }

    private async Task CancelAsync()
    {
        if (await OperatorCommands.AskCancelReasonAsync(Dialogs, InstanceId) is not { } reason) return;
        var actor = await OperatorCommands.ActorAsync(AuthenticationState);
        await RunCommandAsync("Cancelled", ct => Board.CancelAsync(InstanceId, actor, reason, ct));
    }

    private async Task RunCommandAsync(string done, Func<CancellationToken, Task<OperationResult>> command)
    {
        Busy = true;
        Retried = false;
        try
        {
            var result = await command(_disposed.Token);
            (Message, MessageSeverity) = result.Succeeded ? ($"{done}.", Severity.Success) : (result.Error, Severity.Error);
            Timeline = await Reader.ReadAsync(InstanceId, _disposed.Token);
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>After a retry the message says what the instance does now: a green "Retried." beside Faulted would lie.</summary>
    private void DescribeRetry()
    {
        if (!Retried || Timeline is null) return;
        (Message, MessageSeverity) = OperatorCommands.AfterRetry("The instance", Timeline.Instance.Status, Timeline.Instance.Error);
    }

    public void Dispose()
    {
        _live?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
