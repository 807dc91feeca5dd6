using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Components.Shared;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Components.Review;

/// <summary>
/// The ticket's history as a reviewer reads it (<see cref="ReviewerTimeline"/>), oldest first, every date in
/// the browser's time zone. The operator's instance timeline, linked, keeps the full journal.
/// </summary>
public sealed partial class TicketTimeline
{
    [Parameter]
    public IReadOnlyList<TimelineEvent> Events { get; set; } = [];

    [Parameter, EditorRequired]
    public required TicketView Ticket { get; set; }

    /// <summary>The operator's timeline of the ticket's workflow instance.</summary>
    [Parameter]
    public string? InstanceHref { get; set; }

    [Inject]
    public required BrowserTimeZone TimeZone { get; init; }

    private IReadOnlyList<ReviewerTimelineEntry> Shown { get; set; } = [];

    protected override void OnParametersSet() => Shown = ReviewerTimeline.Build(Events, Ticket, TimeZone.Zone);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || TimeZone.Known) return;
        await TimeZone.ResolveAsync();
        if (!TimeZone.Known) return;
        // Sentences such as "Waiting for review until …" carry dates too.
        Shown = ReviewerTimeline.Build(Events, Ticket, TimeZone.Zone);
        StateHasChanged();
    }
}
