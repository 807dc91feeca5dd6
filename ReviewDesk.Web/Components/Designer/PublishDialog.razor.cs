using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Engine.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>Asks before publishing, with what changed since the published version; closes with Ok when the admin confirms.</summary>
public sealed partial class PublishDialog
{
    [CascadingParameter]
    public required IMudDialogInstance MudDialog { get; set; }

    [Parameter]
    public string DefinitionId { get; set; } = "";

    /// <summary>The comparison with the published version; null when none is published.</summary>
    [Parameter]
    public PublishedComparison? Comparison { get; set; }

    private void Confirm() => MudDialog.Close(DialogResult.Ok(true));

    private void Cancel() => MudDialog.Cancel();
}
