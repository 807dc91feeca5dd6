using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary><c>/workflows</c>: definitions with their versions and instance counts; create, duplicate, import, export, delete drafts.</summary>
public sealed partial class WorkflowsPage
{
    [Inject]
    public required WorkflowDesigner Designer { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<DefinitionSummary>? Definitions { get; set; }
    private string? NewId { get; set; }
    private string? NewName { get; set; }
    private string? NewSource { get; set; }
    private string? CreateError { get; set; }
    private string? ImportJson { get; set; }
    private string? ImportError { get; set; }
    private string? Exported { get; set; }
    private string? ExportedName { get; set; }
    private bool Busy { get; set; }
    private bool CreateOpen { get; set; }

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => Definitions = await Designer.ListAsync(CancellationToken.None);

    private static Color StatusColor(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Published => Color.Success,
        DefinitionStatus.Draft => Color.Info,
        _ => Color.Default,
    };

    private async Task CreateAsync()
    {
        Busy = true;
        try
        {
            var id = NewId?.Trim() ?? "";
            var result = string.IsNullOrEmpty(NewSource)
                ? await Designer.CreateAsync(id, NewName ?? "", await AuthorAsync(), CancellationToken.None)
                : await Designer.DuplicateAsync(NewSource, id, NewName ?? "", await AuthorAsync(), CancellationToken.None);
            CreateError = result.Succeeded ? null : result.Errors[0].Message;
            if (result.Succeeded) Navigation.NavigateTo($"/workflows/{id}/edit");
        }
        finally
        {
            Busy = false;
        }
    }

    private void Duplicate(DefinitionSummary definition)
    {
        NewSource = definition.Id;
        NewId = $"{definition.Id}-copy";
        NewName = $"{definition.Name} (copy)";
        CreateOpen = true;
    }

    private async Task ImportAsync()
    {
        var result = await Designer.ImportAsync(ImportJson ?? "", await AuthorAsync(), CancellationToken.None);
        ImportError = result.Succeeded ? null : result.Errors[0].Message;
        if (!result.Succeeded) return;
        Snackbar.Add($"Imported {result.Version!.DefinitionId} as draft v{result.Version.Version}.", Severity.Success);
        ImportJson = null;
        await LoadAsync();
    }

    private async Task ExportAsync(DefinitionSummary definition)
    {
        var version = (definition.LatestPublished ?? definition.Versions[0]).Info.Version;
        Exported = await Designer.ExportAsync(definition.Id, version, CancellationToken.None);
        ExportedName = $"{definition.Id} v{version}";
    }

    private async Task DeleteDraftAsync(string id, int version)
    {
        if (await Designer.DeleteDraftAsync(id, version, await AuthorAsync(), CancellationToken.None)) Snackbar.Add($"Draft v{version} of {id} deleted.", Severity.Info);
        await LoadAsync();
    }

    private async Task<string?> AuthorAsync() =>
        AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
}
