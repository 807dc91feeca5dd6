using Microsoft.AspNetCore.Components;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>The ticket's workflow journal, newest last: steps, attempts, escalations, edits and decisions.</summary>
public sealed partial class TicketTimeline
{
    [Parameter]
    public IReadOnlyList<TimelineEvent> Events { get; set; } = [];

    private static string Describe(TimelineEvent e) => e.Node is { } node ? $"{e.Type} · {node}{(e.Attempt > 1 ? $" (attempt {e.Attempt})" : "")}" : e.Type;

    private static MudBlazor.Color Color(string type) => type switch
    {
        _ when type.Contains("Failed", StringComparison.Ordinal) || type.Contains("Fault", StringComparison.Ordinal) => MudBlazor.Color.Error,
        "Escalated" or "LabelsEdited" => MudBlazor.Color.Warning,
        "Resumed" or "WorkflowCompleted" => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };
}
