using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Engine.Telemetry;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Triage;

/// <summary>
/// The triage domain's instruments on the <see cref="TriageTelemetry.MeterName"/> meter: routing without and after a
/// human (the auto-route rate), time to a reviewer's decision, the review backlog and its age (gauges read from the
/// database at most once per <see cref="MetricsOptions.GaugeRefreshInterval"/>), and the model tokens and estimated
/// cost per provider and model. Tags are labels of bounded cardinality: no ticket id, no text.
/// </summary>
public sealed class TriageMetrics : IDisposable
{
    /// <summary>Tickets routed to a queue, by <see cref="PathTag"/>.</summary>
    public const string TicketsRouted = "reviewdesk.ticket.routed";
    /// <summary>From submission to a reviewer's decision, by <see cref="ActionTag"/>.</summary>
    public const string TimeToDecision = "reviewdesk.review.time_to_decision";
    /// <summary>Tickets in the review queue (awaiting review or escalated).</summary>
    public const string ReviewBacklog = "reviewdesk.review.backlog";
    /// <summary>How long ago the oldest ticket in the review queue was submitted; 0 when the queue is empty.</summary>
    public const string ReviewBacklogOldestAge = "reviewdesk.review.backlog.oldest_age";
    /// <summary>Model tokens, by provider, model and <c>gen_ai.token.type</c> (input or output).</summary>
    public const string LlmTokens = "reviewdesk.llm.token.usage";
    /// <summary>Estimated model cost in the configured prices' currency, by provider and model.</summary>
    public const string LlmCost = "reviewdesk.llm.cost";

    /// <summary><c>automatic</c> (routed with no human) or <c>reviewed</c> (routed after a reviewer approved).</summary>
    public const string PathTag = "triage.path";
    /// <summary>The reviewer's action: approve, reject or escalate.</summary>
    public const string ActionTag = "review.action";
    /// <summary>The model provider (OpenTelemetry's GenAI attribute).</summary>
    public const string ProviderTag = "gen_ai.provider.name";
    /// <summary>The model (OpenTelemetry's GenAI attribute).</summary>
    public const string ModelTag = "gen_ai.request.model";
    /// <summary>input or output (OpenTelemetry's GenAI attribute).</summary>
    public const string TokenTypeTag = "gen_ai.token.type";

    private const string BacklogSql = """SELECT COUNT(*), MIN("CreatedAt") FROM "Tickets" WHERE "InReviewQueue" = 1""";

    private readonly Meter _meter;
    private readonly Counter<long> _routed;
    private readonly Histogram<double> _timeToDecision;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly CachedReading<(long Count, double OldestAgeSeconds)> _backlog;
    private readonly IDbContextFactory<TriageDbContext> _contexts;
    private readonly TimeProvider _time;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/> (the host's), or a meter of its own when there is none.</summary>
    public TriageMetrics(IDbContextFactory<TriageDbContext> contexts, IOptions<WorkflowRuntimeOptions> options, TimeProvider time, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _contexts = contexts;
        _time = time;
        var version = typeof(TriageMetrics).Assembly.GetName().Version?.ToString();
        _meter = meters?.Create(TriageTelemetry.MeterName, version) ?? new Meter(TriageTelemetry.MeterName, version);
        _routed = _meter.CreateCounter<long>(TicketsRouted, "{ticket}", "Tickets routed to a queue, automatically or after review");
        _timeToDecision = _meter.CreateHistogram(TimeToDecision, "s", "From submission to a reviewer's decision",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 72 * 3600] });
        _tokens = _meter.CreateCounter<long>(LlmTokens, "{token}", "Model tokens used by classification");
        _cost = _meter.CreateCounter<double>(LlmCost, "{cost}", "Estimated model cost, in the currency of the configured prices");
        _backlog = new CachedReading<(long, double)>(ReadBacklog, options.Value.Metrics.GaugeRefreshInterval, time);
        _meter.CreateObservableGauge(ReviewBacklog, () => _backlog.Get().Count, "{ticket}", "Tickets in the review queue");
        _meter.CreateObservableGauge(ReviewBacklogOldestAge, () => _backlog.Get().OldestAgeSeconds, "s", "Age of the oldest ticket in the review queue");
    }

    /// <summary>The meter (tests listen to this one, not to every meter of the name).</summary>
    public Meter Meter => _meter;

    /// <summary>A ticket's route committed; <paramref name="reviewed"/> when a reviewer approved it first.</summary>
    internal void Routed(bool reviewed) => _routed.Add(1, new KeyValuePair<string, object?>(PathTag, reviewed ? "reviewed" : "automatic"));

    /// <summary>A reviewer's decision was applied <paramref name="elapsed"/> after the ticket was submitted.</summary>
    internal void Decided(string action, TimeSpan elapsed) =>
        _timeToDecision.Record(Math.Max(0, elapsed.TotalSeconds), new KeyValuePair<string, object?>(ActionTag,
            action is ReviewDecision.Approve or ReviewDecision.Reject or ReviewDecision.Escalate ? action : "other"));

    /// <summary>A model answered with <paramref name="usage"/> (counted when spent, whether or not its step commits).</summary>
    internal void ModelAnswered(string provider, string model, Ai.TokenUsage usage)
    {
        var providerTag = new KeyValuePair<string, object?>(ProviderTag, provider);
        var modelTag = new KeyValuePair<string, object?>(ModelTag, model);
        _tokens.Add(usage.InputTokens, providerTag, modelTag, new KeyValuePair<string, object?>(TokenTypeTag, "input"));
        _tokens.Add(usage.OutputTokens, providerTag, modelTag, new KeyValuePair<string, object?>(TokenTypeTag, "output"));
        if (usage.EstimatedCost is { } cost) _cost.Add((double)cost, providerTag, modelTag);
    }

    private (long, double) ReadBacklog()
    {
        using var db = _contexts.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = BacklogSql;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return (0, 0);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var count = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var oldest = reader.IsDBNull(1) ? now : Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return (count, Math.Max(0, now - oldest) / 1000.0);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
