using System.Diagnostics;
using OpenTelemetry;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// A span exporter that keeps nothing: with <see cref="TelemetryOptions.DiscardSpans"/> the whole tracing pipeline runs
/// (every span sampled, recorded, batched and handed to an exporter) without a collector, printing or memory growth, so a
/// benchmark measures what tracing costs the app itself. It counts what it was given and logs the running total at
/// most every <see cref="LogEvery"/> (ids and counts only), which shows the spans arrive.
/// </summary>
internal sealed class DiscardingSpanExporter(ILogger<DiscardingSpanExporter> logger, TimeProvider time) : BaseExporter<Activity>
{
    /// <summary>The shortest time between two log lines of the running total.</summary>
    public static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(2);

    private long _spans;
    private long? _loggedAt;

    /// <summary>Spans exported so far.</summary>
    public long Spans => Interlocked.Read(ref _spans);

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Activity> batch)
    {
        var total = Interlocked.Add(ref _spans, batch.Count);
        // The batch processor calls this from its one export thread.
        if (_loggedAt is null || time.GetElapsedTime(_loggedAt.Value) >= LogEvery)
        {
            _loggedAt = time.GetTimestamp();
            logger.LogInformation("Discarding span exporter: {Spans} spans recorded", total);
        }

        return ExportResult.Success;
    }
}
