using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>Tickets decided per bucket over the last hour, and the median minutes from submission to decision.</summary>
public sealed partial class ThroughputChart
{
    [Parameter, EditorRequired]
    public required Throughput Throughput { get; set; }

    private const int LabelEvery = 3;

    private List<ChartSeries<double>> Series { get; set; } = [];

    private string[] Labels { get; set; } = [];

    private int Total => Throughput.Buckets.Sum(b => b.Decided);

    private string MedianText => Throughput.MedianMinutesToDecision is { } minutes
        ? string.Create(CultureInfo.InvariantCulture, $"{minutes:0.#} min")
        : "n/a";

    protected override void OnParametersSet()
    {
        // Every bucket gets a bar, but only every LabelEvery-th a time: at a readable size twelve labels would overlap.
        Labels = [.. Throughput.Buckets.Select((b, i) => i % LabelEvery == 0 ? b.Start.ToString("HH:mm", CultureInfo.InvariantCulture) : "")];
        Series = [new() { Name = "Routed or rejected", Data = new ChartData<double>([.. Throughput.Buckets.Select(b => (double)b.Decided)]) }];
    }
}
