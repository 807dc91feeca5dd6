using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>Faulted instances and instances with open incidents, each with Retry and Cancel.</summary>
public sealed partial class ProblemInstancesTable
{
    [Parameter, EditorRequired]
    public required ProblemList Problems { get; set; }

    /// <summary>While a command runs, the buttons are disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    [Parameter]
    public EventCallback<string> OnRetry { get; set; }

    [Parameter]
    public EventCallback<string> OnCancel { get; set; }
}
