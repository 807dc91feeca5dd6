using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// <c>/workflows/{id}/edit</c>: the visual designer. Toolbox, canvas and property panel all call
/// the <see cref="DesignerSession"/>; this page saves, publishes and guards unsaved changes.
/// </summary>
public sealed partial class WorkflowEditorPage : IDisposable
{
    [Inject]
    public required WorkflowDesigner Designer { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

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

    private string? _loadedId;

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

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (Session is not { IsDirty: true }) return;
        var leave = await Dialogs.ShowMessageBoxAsync("Unsaved changes",
            "This workflow has changes that are not saved. Leave and lose them?", yesText: "Leave", cancelText: "Stay");
        if (leave != true) context.PreventNavigation();
    }

    public void Dispose()
    {
        if (Session is not null) Session.Changed -= OnSessionChanged;
    }
}
