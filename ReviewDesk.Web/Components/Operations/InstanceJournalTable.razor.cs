using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>An instance's journal in sequence order.</summary>
public sealed partial class InstanceJournalTable
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<JournalEntryView> Journal { get; set; }
}
