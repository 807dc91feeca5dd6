using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>An instance's incidents, open or resolved.</summary>
public sealed partial class InstanceIncidentsTable
{
    [Parameter, EditorRequired]
    public required IReadOnlyList<IncidentView> Incidents { get; set; }
}
