using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>Lists <see cref="DefinitionChange"/>s as a table: the version comparison and the publish confirmation show them.</summary>
public sealed partial class DefinitionChangesTable
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<DefinitionChange> Changes { get; set; }

    /// <summary>The table's <c>data-testid</c>.</summary>
    [Parameter]
    public string TestId { get; set; } = "definition-changes";

    /// <summary>Each row's <c>data-testid</c>.</summary>
    [Parameter]
    public string RowTestId { get; set; } = "definition-change";
}
