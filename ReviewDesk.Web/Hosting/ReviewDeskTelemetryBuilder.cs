using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReviewDesk.Engine.Telemetry;
using ReviewDesk.Web.Identity;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// Exports the engine's and the triage domain's traces and metrics (and ASP.NET Core's, HttpClient's and Semantic
/// Kernel's) with OpenTelemetry, as <see cref="TelemetryOptions"/> says: <c>builder.AddReviewDeskTelemetry()</c> and
/// <c>app.MapReviewDeskTelemetry()</c>. Every log line carries the trace and span ids of the span it was written in.
/// </summary>
public static class ReviewDeskTelemetryBuilder
{
    public static WebApplicationBuilder AddReviewDeskTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.Section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOptions<TelemetryOptions>().Bind(section);

        // Structured logs carry the current span's ids as scope values (TraceId, SpanId, ParentId), for any provider that reads scopes.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.OtlpEndpointVariable]);
        var metricsOn = otlp || options.Prometheus || options.Console;
        var tracesOn = (options.Traces && (otlp || options.Console)) || options.DiscardSpans;
        if (!metricsOn && !tracesOn) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? options.ServiceName,
                serviceVersion: typeof(ReviewDeskTelemetryBuilder).Assembly.GetName().Version?.ToString()));
        if (metricsOn)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.MeterName, TriageTelemetry.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.Prometheus) metrics.AddPrometheusExporter();
                if (options.Console) metrics.AddConsoleExporter();
            });
        }

        if (tracesOn)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(EngineTelemetry.ActivitySourceName, TriageTelemetry.ActivitySourceName, "Microsoft.SemanticKernel*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(TelemetryOptions.PrometheusPath))
                    .AddHttpClientInstrumentation();
                if (options.Console) tracing.AddConsoleExporter();
                if (options.DiscardSpans)
                {
                    // Batched as the OTLP exporter's spans are, with a queue deep enough that a burst drops none.
                    tracing.AddProcessor(sp => new BatchActivityExportProcessor(
                        new DiscardingSpanExporter(sp.GetRequiredService<ILogger<DiscardingSpanExporter>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System),
                        maxQueueSize: 65_536, scheduledDelayMilliseconds: 1_000));
                }
            });
        }

        if (otlp)
        {
            // Traces, metrics and logs over OTLP, configured by the standard OTEL_EXPORTER_OTLP_* variables.
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapReviewDeskTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            // A scraper sends an API key with the Operator role (X-Api-Key); a person signs in as an operator or admin.
            app.MapPrometheusScrapingEndpoint(TelemetryOptions.PrometheusPath).RequireAuthorization(ReviewDeskPolicies.Operate);
        }

        return app;
    }
}
