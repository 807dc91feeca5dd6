using Microsoft.AspNetCore.Components;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>Shows whether the page is subscribed to live workflow events.</summary>
public sealed partial class LiveIndicator
{
    [Parameter]
    public bool Live { get; set; }

    /// <summary>The last live refresh failed, so the figures may be out of date.</summary>
    [Parameter]
    public bool Stale { get; set; }
}
