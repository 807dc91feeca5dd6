using System.Diagnostics;

namespace ReviewDesk.Engine.Telemetry;

/// <summary>
/// The names under which the engine emits traces and metrics (plain <see cref="System.Diagnostics"/>: an exporter
/// such as OpenTelemetry subscribes to them by name). Spans and metric attributes carry ids and types, never payloads.
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of workflow starts, steps and resumes.</summary>
    public const string ActivitySourceName = "ReviewDesk.Engine";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the engine's counters, histograms and gauges.</summary>
    public const string MeterName = "ReviewDesk.Engine";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());
}
