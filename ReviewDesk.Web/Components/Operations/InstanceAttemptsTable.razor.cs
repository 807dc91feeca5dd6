using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>An instance's activity attempts with their errors and retry delays, and the work still scheduled.</summary>
public sealed partial class InstanceAttemptsTable
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<AttemptRow> Attempts { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<ScheduledWorkView> ScheduledWork { get; set; }
}
