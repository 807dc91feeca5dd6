using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Shared;

/// <summary>
/// A date as reviewers read it (<see cref="ReviewerDates"/>), in the browser's time zone: rendered in UTC
/// while prerendering, then again once the circuit knows the browser's zone.
/// </summary>
public sealed partial class LocalTime
{
    [Parameter, EditorRequired]
    public DateTimeOffset Value { get; set; }

    [Parameter]
    public string TestId { get; set; } = "local-time";

    [Inject]
    public required BrowserTimeZone TimeZone { get; init; }

    private string ZoneTitle => TimeZone.Known ? $"Your time zone ({TimeZone.Zone.Id})" : "UTC (your time zone is not known yet)";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || TimeZone.Known) return;
        await TimeZone.ResolveAsync();
        if (TimeZone.Known) StateHasChanged();
    }
}
