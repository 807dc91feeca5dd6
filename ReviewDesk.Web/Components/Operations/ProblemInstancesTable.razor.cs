using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Components.Review;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>Faulted instances and instances with open incidents, each with Retry and Cancel.</summary>
public sealed partial class ProblemInstancesTable
{
    [Parameter, EditorRequired]
    public required ProblemList Problems { get; set; }

    /// <summary>The board's time, for how long ago each problem began.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Now { get; set; }

    /// <summary>While a command runs, the buttons are disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<string> OnRetry { get; set; }

    [Parameter]
    public EventCallback<string> OnCancel { get; set; }

    private string Age(DateTimeOffset? since) => since is { } at ? $"{ReviewText.Duration(Now > at ? Now - at : TimeSpan.Zero)} ago" : "";
}
