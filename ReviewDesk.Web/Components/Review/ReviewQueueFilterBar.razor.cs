using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Review;

/// <summary>The queue's filters and order; every change is raised at once (the page puts it in the URL).</summary>
public sealed partial class ReviewQueueFilterBar
{
    [Parameter, EditorRequired]
    public required ReviewQueueFilter Filter { get; set; }

    [Parameter]
    public EventCallback<ReviewQueueFilter> FilterChanged { get; set; }

    /// <summary>The workflow definitions a ticket may run.</summary>
    [Parameter]
    public IReadOnlyList<string> Variants { get; set; } = [];

    private string? RangeError { get; set; }

    /// <summary>Whether a phone shows the filters; wider screens always do.</summary>
    private bool FiltersOpen { get; set; }

    private string PanelClass => FiltersOpen ? "pa-3" : "pa-3 queue-filters-collapsed";

    private string ToggleText => (FiltersOpen, Filter.IsEmpty) switch
    {
        (true, _) => "Hide filters",
        (false, true) => "Filters",
        (false, false) => "Filters (active)",
    };

    private async Task Change(ReviewQueueFilter filter)
    {
        // A reversed range would match nothing; say why instead of showing an empty queue.
        if (filter.MinConfidence > filter.MaxConfidence)
        {
            RangeError = "The minimum confidence is above the maximum.";
            return;
        }

        RangeError = null;
        await FilterChanged.InvokeAsync(filter);
    }
}
