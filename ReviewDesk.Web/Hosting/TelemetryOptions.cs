namespace ReviewDesk.Web.Hosting;

/// <summary>
/// Where traces, metrics and logs go, bound from <c>Telemetry</c>. OTLP is on when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>,
/// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>...); with nothing enabled (the demo's default) the
/// OpenTelemetry SDK is not even registered, and the engine's spans and instruments cost nothing.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>The standard variable that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Prometheus scrape endpoint's path.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>Serve <see cref="PrometheusPath"/> (Operate role: an Operator or Admin account, or an API key with one of those roles).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Write traces and metrics to the console (for a look during development; slow under load).</summary>
    public bool Console { get; set; }

    /// <summary>Record and export traces when an exporter is on; false keeps metrics only (and costs no span).</summary>
    public bool Traces { get; set; } = true;

    /// <summary>
    /// Record every span and hand it to an exporter that discards it (<see cref="DiscardingSpanExporter"/>): the tracing
    /// pipeline's cost without a collector, for the benchmark's <c>--tracing</c>. Turns on traces only, not metrics.
    /// </summary>
    public bool DiscardSpans { get; set; }

    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public string ServiceName { get; set; } = "reviewdesk";
}
