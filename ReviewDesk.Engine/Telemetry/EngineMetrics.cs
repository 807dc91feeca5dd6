using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Persistence;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Telemetry;

/// <summary>
/// The engine's instruments on the <see cref="EngineTelemetry.MeterName"/> meter, named and measured as OpenTelemetry's
/// semantic conventions ask (dotted lower-case names, UCUM units, <c>{thing}</c> for counts). Counters and histograms
/// are recorded after the commit that made them true, with tags of bounded cardinality; the due-work gauges read the
/// database at most once per <see cref="MetricsOptions.GaugeRefreshInterval"/>, whatever the collection rate.
/// </summary>
public sealed class EngineMetrics : IDisposable
{
    /// <summary>Workflows started (a repeated business key starts none).</summary>
    public const string WorkflowStarted = "reviewdesk.workflow.started";
    /// <summary>Workflows that completed.</summary>
    public const string WorkflowCompleted = "reviewdesk.workflow.completed";
    /// <summary>Workflows that faulted (a step failed for good with no Failed connection).</summary>
    public const string WorkflowFaulted = "reviewdesk.workflow.faulted";
    /// <summary>Workflows an operator cancelled.</summary>
    public const string WorkflowCancelled = "reviewdesk.workflow.cancelled";
    /// <summary>How long a step's activity ran, by activity type and outcome.</summary>
    public const string StepDuration = "reviewdesk.step.duration";
    /// <summary>Retries scheduled after a failed attempt.</summary>
    public const string StepRetries = "reviewdesk.step.retries";
    /// <summary>Incidents: a step whose attempts ran out.</summary>
    public const string Incidents = "reviewdesk.incidents";
    /// <summary>Work items due now that no worker holds.</summary>
    public const string DueWorkItems = "reviewdesk.work_items.due";
    /// <summary>How long the oldest of those has been due (stuck work); 0 when none is.</summary>
    public const string OldestDueAge = "reviewdesk.work_items.oldest_due_age";
    /// <summary>Write operations per group commit.</summary>
    public const string CommitBatchSize = "reviewdesk.commit.batch_size";
    /// <summary>How long a group commit's transaction took, begin to commit.</summary>
    public const string CommitDuration = "reviewdesk.commit.duration";

    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _faulted;
    private readonly Counter<long> _cancelled;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _incidents;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly CachedReading<(long Count, double OldestAgeSeconds)> _dueWork;
    private readonly DatabaseOptions _database;
    private readonly DatabaseDialect _dialect;
    private readonly TimeProvider _time;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/> (the host's), or a meter of its own when there is none.</summary>
    public EngineMetrics(IOptions<DatabaseOptions> database, IOptions<WorkflowRuntimeOptions> options, TimeProvider time, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _database = database.Value;
        _dialect = DatabaseDialect.For(_database);
        _time = time;
        var version = typeof(EngineMetrics).Assembly.GetName().Version?.ToString();
        _meter = meters?.Create(EngineTelemetry.MeterName, version) ?? new Meter(EngineTelemetry.MeterName, version);
        _started = _meter.CreateCounter<long>(WorkflowStarted, "{workflow}", "Workflows started");
        _completed = _meter.CreateCounter<long>(WorkflowCompleted, "{workflow}", "Workflows completed");
        _faulted = _meter.CreateCounter<long>(WorkflowFaulted, "{workflow}", "Workflows faulted");
        _cancelled = _meter.CreateCounter<long>(WorkflowCancelled, "{workflow}", "Workflows cancelled");
        _stepDuration = _meter.CreateHistogram(StepDuration, "s", "How long a step's activity ran",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _retries = _meter.CreateCounter<long>(StepRetries, "{retry}", "Retries scheduled after a failed attempt");
        _incidents = _meter.CreateCounter<long>(Incidents, "{incident}", "Steps whose attempts ran out");
        _batchSize = _meter.CreateHistogram(CommitBatchSize, "{operation}", "Write operations per group commit",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _commitDuration = _meter.CreateHistogram(CommitDuration, "s", "Group commit transaction time, begin to commit",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _dueWork = new CachedReading<(long, double)>(ReadDueWork, options.Value.Metrics.GaugeRefreshInterval, time);
        _meter.CreateObservableGauge(DueWorkItems, () => _dueWork.Get().Count, "{work_item}", "Work items due now that no worker holds");
        _meter.CreateObservableGauge(OldestDueAge, () => _dueWork.Get().OldestAgeSeconds, "s", "How long the oldest unclaimed due work item has waited");
    }

    /// <summary>The meter (tests listen to this one, not to every meter of the name).</summary>
    public Meter Meter => _meter;

    internal void Started(string definitionId) => _started.Add(1, new KeyValuePair<string, object?>(EngineMetricTags.DefinitionId, definitionId));

    internal void Cancelled(string definitionId) => _cancelled.Add(1, new KeyValuePair<string, object?>(EngineMetricTags.DefinitionId, definitionId));

    /// <summary>Records a committed step: its duration, and the retry, incident, completion or fault it committed.</summary>
    internal void StepCommitted(StepPlan plan)
    {
        var activityType = new KeyValuePair<string, object?>(EngineMetricTags.ActivityType, plan.ActivityType);
        if (_stepDuration.Enabled)
        {
            _stepDuration.Record((plan.FinishedAt - plan.StartedAt).TotalSeconds, activityType,
                new KeyValuePair<string, object?>(EngineMetricTags.Outcome, plan.Outcome ?? plan.ExecutionStatus));
        }

        if (_stepDuration.Enabled)
        {
            // A node that ran inline is a step of the workflow all the same (its own duration, in the same commit).
            foreach (var step in plan.Inline)
            {
                _stepDuration.Record((step.FinishedAt - step.StartedAt).TotalSeconds,
                    new KeyValuePair<string, object?>(EngineMetricTags.ActivityType, step.ActivityType),
                    new KeyValuePair<string, object?>(EngineMetricTags.Outcome, step.Outcome));
            }
        }

        if (plan.ErrorKind is { } errorKind)
        {
            var error = new KeyValuePair<string, object?>(EngineMetricTags.ErrorType, errorKind);
            if (plan.RetryDelay is not null) _retries.Add(1, activityType, error);
            if (plan.Incident) _incidents.Add(1, activityType, error);
        }

        var definition = new KeyValuePair<string, object?>(EngineMetricTags.DefinitionId, plan.Before.DefinitionId);
        if (plan.Fault) _faulted.Add(1, definition);
        else if (plan.Complete) _completed.Add(1, definition);
    }

    /// <summary>Records a group commit of <paramref name="operations"/> operations that took from <paramref name="startTimestamp"/> until now.</summary>
    internal void Committed(int operations, long startTimestamp)
    {
        _batchSize.Record(operations);
        if (_commitDuration.Enabled) _commitDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    private (long, double) ReadDueWork()
    {
        using var connection = _dialect.CreateConnection(_database);
        connection.Open();
        var due = DueWorkSql.Read(connection, _dialect, _time.GetUtcNow());
        return (due.Count, due.OldestAge.TotalSeconds);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
