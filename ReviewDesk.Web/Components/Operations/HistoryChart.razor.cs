using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>One chart of the board's history: named series over the history's buckets, labelled with their start times.</summary>
public sealed partial class HistoryChart
{
    // About four time labels whatever the bucket count: more overlap in a third-width card.
    private const int Labels = 4;

    [Parameter, EditorRequired]
    public required string Title { get; set; }

    [Parameter, EditorRequired]
    public required string TestId { get; set; }

    [Parameter, EditorRequired]
    public required OperationsHistory History { get; set; }

    /// <summary>Each series' name and one value per bucket.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> Series { get; set; }

    [Parameter]
    public ChartType ChartType { get; set; } = ChartType.Line;

    /// <summary>A line under the title (totals, the value now).</summary>
    [Parameter]
    public string? Summary { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    private List<ChartSeries<double>> ChartSeries { get; set; } = [];

    private string[] ChartLabels { get; set; } = [];

    protected override void OnParametersSet()
    {
        // Every bucket gets a point, but only every few a time, so the labels stay readable.
        var every = Math.Max(1, History.Buckets.Count / Labels);
        var format = History.Range == HistoryRange.LastDay ? "HH:00" : "HH:mm";
        ChartLabels = [.. History.Buckets.Select((b, i) => i % every == 0 ? b.Start.ToString(format, CultureInfo.InvariantCulture) : "")];
        ChartSeries = [.. Series.Select(s => new ChartSeries<double> { Name = s.Key, Data = new ChartData<double>([.. s.Value]) })];
    }
}
