using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>A titled table of counts; each count cell's test id is the card's followed by the label.</summary>
public sealed partial class CountsCard
{
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    [Parameter, EditorRequired]
    public required string TestId { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<KeyValuePair<string, int>> Rows { get; set; }
}
