using System.Globalization;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Web.Operations;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>
/// The board over time, for the last hour or the last day (a toggle): throughput, step latency, due work and its oldest
/// age, review backlog, failures and retries, model cost per hour, and a table of each step's percentiles and rates.
/// </summary>
public sealed partial class HistoryCharts
{
    [Parameter, EditorRequired]
    public required OperationsHistory History { get; set; }

    /// <summary>The operator picked another range.</summary>
    [Parameter]
    public EventCallback<HistoryRange> RangeChanged { get; set; }

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> ThroughputSeries =>
    [
        Series("Submitted", b => b.Submitted),
        Series("Routed", b => b.Routed),
        Series("Reviewed", b => b.Reviewed),
    ];

    // A bucket without an attempt of the type draws as 0.
    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> LatencySeries =>
        [.. History.Steps.Select(s => KeyValuePair.Create(s.ActivityType, s.P95ByBucket.Select(v => v ?? 0)))];

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> DueSeries => [Series("Due and unclaimed", b => b.DueWork)];

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> DueAgeSeries => [Series("Oldest due age", b => b.OldestDueAgeSeconds)];

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> BacklogSeries => [Series("In the review queue", b => b.ReviewBacklog)];

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> FailureSeries =>
        [Series("Failed", b => b.Failures), Series("Retried", b => b.Retries)];

    private IReadOnlyList<KeyValuePair<string, IEnumerable<double>>> CostSeries => [KeyValuePair.Create("Cost per hour", History.CostPerHour)];

    private string? LatencyNote => History.LatencySampleCapped
        ? string.Create(CultureInfo.InvariantCulture, $"of the latest {OperationsHistoryQueries.LatencySampleSize:N0} attempts")
        : null;

    private string CostNote => string.Create(CultureInfo.InvariantCulture, $"{History.Buckets.Sum(b => b.Cost):0.####} in this window");

    private int Total(Func<HistoryBucket, int> value) => History.Buckets.Sum(value);

    private KeyValuePair<string, IEnumerable<double>> Series(string name, Func<HistoryBucket, double> value) =>
        KeyValuePair.Create(name, History.Buckets.Select(value));

    private static string Milliseconds(double? ms) => ms is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0} ms") : "n/a";

    private static string Percent(double rate) => string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.#}%");
}
