using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The ticket's workflow journal as a reviewer needs it, oldest first: step outcomes, failures, retries,
/// escalations, edits and decisions. Scheduling and first-attempt starts are left out (the operator's
/// instance timeline, linked, has everything).
/// </summary>
public sealed partial class TicketTimeline
{
    [Parameter]
    public IReadOnlyList<TimelineEvent> Events { get; set; } = [];

    /// <summary>The operator's timeline of the ticket's workflow instance.</summary>
    [Parameter]
    public string? InstanceHref { get; set; }

    private IReadOnlyList<TimelineEvent> Shown { get; set; } = [];

    protected override void OnParametersSet() =>
        Shown = [.. Events.Where(e => e.Type is not (JournalTypes.ActivityScheduled or JournalTypes.ActivityStarted) || e.Attempt > 1)];

    private static string Describe(TimelineEvent e) => e.Node is { } node ? $"{e.Type} · {node}{(e.Attempt > 1 ? $" (attempt {e.Attempt})" : "")}" : e.Type;

    private static MudBlazor.Color Color(string type) => type switch
    {
        _ when type.Contains("Failed", StringComparison.Ordinal) || type.Contains("Fault", StringComparison.Ordinal) => MudBlazor.Color.Error,
        "Escalated" or "LabelsEdited" => MudBlazor.Color.Warning,
        JournalTypes.Resumed or JournalTypes.Completed => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };
}
