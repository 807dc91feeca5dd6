using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>A definition's history: retract a published version, revert to an old one as the new draft, compare two.</summary>
public sealed partial class VersionsPanel
{
    [Inject]
    public required WorkflowDesigner Designer { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public required string DefinitionId { get; set; }

    [Parameter]
    public string? Author { get; set; }

    /// <summary>Changes with every save or publish, so the history is read again.</summary>
    [Parameter]
    public int Generation { get; set; }

    /// <summary>Raised after a revert created a new draft: the editor reopens it.</summary>
    [Parameter]
    public EventCallback Reverted { get; set; }

    private IReadOnlyList<DefinitionVersionInfo>? Versions { get; set; }
    private HashSet<int> Compared { get; } = [];
    private IReadOnlyList<DefinitionChange>? Changes { get; set; }
    private int CompareFrom { get; set; }
    private int CompareTo { get; set; }
    private int _loadedGeneration = -1;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedGeneration == Generation) return;
        _loadedGeneration = Generation;
        await LoadAsync();
    }

    private async Task LoadAsync() => Versions = await Designer.HistoryAsync(DefinitionId, CancellationToken.None);

    private static Color StatusColor(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Published => Color.Success,
        DefinitionStatus.Draft => Color.Info,
        _ => Color.Default,
    };

    private void ToggleCompare(int version, bool on)
    {
        if (on) Compared.Add(version);
        else Compared.Remove(version);
    }

    private async Task CompareAsync()
    {
        var ordered = Compared.Order().ToList();
        (CompareFrom, CompareTo) = (ordered[0], ordered[1]);
        Changes = await Designer.CompareAsync(DefinitionId, CompareFrom, CompareTo, CancellationToken.None);
    }

    private async Task RetractAsync(int version)
    {
        if (await Designer.RetractAsync(DefinitionId, version, Author, CancellationToken.None)) Snackbar.Add($"v{version} retracted: new tickets no longer start on it.", Severity.Info);
        await LoadAsync();
    }

    private async Task RevertAsync(int version)
    {
        var result = await Designer.RevertAsync(DefinitionId, version, Author, CancellationToken.None);
        if (result.Succeeded) Snackbar.Add($"v{version} copied into draft v{result.Version!.Version}.", Severity.Success);
        else Snackbar.Add(result.Errors[0].Message, Severity.Error);
        await LoadAsync();
        await Reverted.InvokeAsync();
    }
}
