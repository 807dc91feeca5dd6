using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Web.Components.Shared;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// <c>/workflows/{id}/edit</c>: the visual designer. Toolbox, canvas and property panel all call
/// the <see cref="DesignerSession"/>; this page saves, publishes (after confirmation), undoes and redoes
/// (buttons, Ctrl+Z and Ctrl+Y) and guards unsaved changes.
/// </summary>
public sealed partial class WorkflowEditorPage : IAsyncDisposable
{
    [Inject]
    public required WorkflowDesigner Designer { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ILogger<WorkflowEditorPage> Logger { get; init; }

    [Parameter]
    public string Id { get; set; } = "";

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private DesignerSession? Session { get; set; }
    private DesignerCanvas? Canvas { get; set; }
    private bool NotFound { get; set; }
    private bool Busy { get; set; }
    private string? DraggedType { get; set; }
    private string? Author { get; set; }
    private int Generation { get; set; }
    private DefinitionStatus? Status { get; set; }
    private IReadOnlyList<string> PublishErrors { get; set; } = [];

    private WorkflowNode? SelectedNode => Session?.SelectedNodeId is { } id ? Session.Definition.FindNode(id) : null;

    private string VersionStatus => Status?.ToString().ToLowerInvariant() ?? "new";

    // Interactive is not enough for "ready": after the first interactive render the page's parts still re-render on
    // their own for a while. The canvas re-renders as the browser reports its and each node's size, then fits the chart.
    // MudTabs re-renders every tab header after its first render (panel refs, slider), and again about 200 ms after its
    // tabs change size (MudBlazor's ResizeObserver reports at that rate): the headers' content arrives a batch after the
    // tab bar, so that resize, and that re-render, happens on every load. Each of those renders gives every tab header
    // a new @onclick handler id, and a test that clicked a tab as soon as the old marker appeared clicked in that window
    // (1 or 2 such re-renders after the marker, in every load measured); once the click was answered "There is no event
    // handler associated with this event" and the tab never opened (Bug_15_TestRunThatStopsAtReview_ShowsWhereItWaits).
    // So the page only says ready once the canvas has settled and the tab bar has kept still for longer than MudBlazor's
    // report rate: after that the headers re-render only for what the admin does.
    private static readonly TimeSpan TabBarQuiet = TimeSpan.FromMilliseconds(300);

    private ElementReference _tabsArea;
    private bool _tabBarWatched;
    private bool CanvasSettled { get; set; }
    private bool TabBarSettled { get; set; }

    private bool IsReady => RendererInfo.IsInteractive && CanvasSettled && TabBarSettled;

    private string? _loadedId;
    private DotNetObjectReference<WorkflowEditorPage>? _self;
    private BrowserShortcuts? _shortcuts;

    protected override async Task OnParametersSetAsync()
    {
        // Only a new id reloads: re-renders of the layout must not drop the admin's unsaved edits.
        if (_loadedId == Id) return;
        _loadedId = Id;
        Author = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (Session is not null) Session.Changed -= OnSessionChanged;
        Session = await Designer.OpenAsync(Id, CancellationToken.None);
        NotFound = Session is null;
        if (Session is not null) Session.Changed += OnSessionChanged;
        await RefreshStatusAsync();
    }

    private async Task RefreshStatusAsync()
    {
        if (Session is null) return;
        var version = Session.Definition.Version;
        Status = (await Designer.HistoryAsync(Id, CancellationToken.None)).FirstOrDefault(v => v.Version == version)?.Status;
        Generation++;
    }

    private void OnSessionChanged() => _ = InvokeAsync(StateHasChanged);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _shortcuts = await BrowserShortcuts.RegisterAsync(JS, "./js/designer-shortcuts.js", _self, Logger, CancellationToken.None);
        }

        // The tabs are drawn once the definition has loaded, which is usually a render after the first.
        if (Session is not null && !_tabBarWatched)
        {
            _tabBarWatched = true;
            await WaitForTabBarAsync();
        }
    }

    // Resolves after MudTabs' start-up re-renders (see IsReady): the browser sends MudBlazor's resize report before
    // it resolves this call, and the circuit handles the two in that order.
    private async Task WaitForTabBarAsync()
    {
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", CancellationToken.None, "./js/tab-bar-settle.js");
            await module.InvokeVoidAsync("whenSettled", CancellationToken.None, _tabsArea, TabBarQuiet.TotalMilliseconds);
        }
        catch (JSDisconnectedException)
        {
            return;
        }
        catch (JSException ex)
        {
            // The designer works without it; only the readiness marker is less exact.
            Logger.LogWarning(ex, "The designer could not watch its tab bar settle");
        }

        TabBarSettled = true;
        StateHasChanged();
    }

    /// <summary>Ctrl+Z (<c>undo</c>) or Ctrl+Y (<c>redo</c>) from the browser, outside text fields (see wwwroot/js/designer-shortcuts.js).</summary>
    [JSInvokable]
    public Task OnShortcutAsync(string action) => InvokeAsync(() =>
    {
        if (action == "undo") Undo();
        else if (action == "redo") Redo();
    });

    private void AddNode(string type) => Session?.AddNode(type);

    private void Undo() => Session?.Undo();

    private void Redo() => Session?.Redo();

    private void AutoLayout() => Session?.AutoLayout();

    private async Task SaveAsync()
    {
        if (Session is null) return;
        Busy = true;
        try
        {
            var result = await Designer.SaveDraftAsync(Session, Author, CancellationToken.None);
            Snackbar.Add($"Draft v{result.Version!.Version} saved.", Severity.Success);
            await RefreshStatusAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task PublishAsync()
    {
        if (Session is null) return;
        Busy = true;
        try
        {
            // A document with problems goes straight on: publishing refuses it and says why.
            if (Session.Errors.Count == 0 && !await ConfirmPublishAsync(Session)) return;
            var result = await Designer.PublishAsync(Session, Author, CancellationToken.None);
            PublishErrors = [.. result.Errors.Select(e => e.Message)];
            if (result.Succeeded) Snackbar.Add($"v{result.Version!.Version} published: new tickets of this variant run it.", Severity.Success);
            await RefreshStatusAsync();
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<bool> ConfirmPublishAsync(DesignerSession session)
    {
        var parameters = new DialogParameters<PublishDialog>
        {
            { d => d.DefinitionId, session.Definition.Id },
            { d => d.Comparison, await Designer.CompareWithPublishedAsync(session, CancellationToken.None) },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<PublishDialog>($"Publish {session.Definition.Name}?", parameters, options);
        return await dialog.Result is { Canceled: false };
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (Session is not { IsDirty: true }) return;
        var leave = await Dialogs.ShowMessageBoxAsync("Unsaved changes",
            "This workflow has changes that are not saved. Leave and lose them?", yesText: "Leave", cancelText: "Stay");
        if (leave != true) context.PreventNavigation();
    }

    public async ValueTask DisposeAsync()
    {
        if (Session is not null) Session.Changed -= OnSessionChanged;
        if (_shortcuts is not null) await _shortcuts.DisposeAsync();

        _self?.Dispose();
    }
}
