using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>Says that due work waits longer than the threshold (<see cref="OperationsOptions.StuckWorkThreshold"/>); renders nothing otherwise.</summary>
public sealed partial class StuckWorkBanner
{
    /// <summary>Due work now.</summary>
    [Parameter, EditorRequired]
    public required DueWork Due { get; set; }

    [Parameter, EditorRequired]
    public required TimeSpan StuckAfter { get; set; }

    private bool Stuck => Due.Count > 0 && Due.OldestAge > StuckAfter;

    private string Age => Describe(Due.OldestAge);

    private string Threshold => Describe(StuckAfter);

    /// <summary>A duration in its largest whole unit: "42 s", "7 min", "3 h".</summary>
    public static string Describe(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } => $"{(int)span.TotalHours} h",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes} min",
        _ => $"{(int)span.TotalSeconds} s",
    };
}
