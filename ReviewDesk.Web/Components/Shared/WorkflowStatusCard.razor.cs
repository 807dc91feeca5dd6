using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Components.Shared;

/// <summary>Workflow instances by status, read from the runtime's database.</summary>
public sealed partial class WorkflowStatusCard
{
    [Inject]
    public required WorkflowQueries Queries { get; init; }

    private IReadOnlyDictionary<WorkflowStatus, int>? Counts { get; set; }

    protected override async Task OnInitializedAsync() => Counts = await Queries.CountByStatusAsync(null, CancellationToken.None);
}
