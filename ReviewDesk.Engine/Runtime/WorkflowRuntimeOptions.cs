using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Persistence;

namespace ReviewDesk.Engine.Runtime;

/// <summary>Runtime settings, bound from the <c>Workflows</c> section.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Workflows";

    /// <summary>Worker settings.</summary>
    public WorkerOptions Worker { get; set; } = new();

    /// <summary>The retry policy a node gets for whatever it does not declare.</summary>
    public RetryPolicySettings DefaultRetry { get; set; } = new();

    /// <summary>Retention of finished instances.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>Metrics settings.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>How long a synchronous resume waits for the instance to settle before it answers with the state so far.</summary>
    public TimeSpan SyncResumeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The resolved default policy: built-in defaults under <see cref="DefaultRetry"/>.</summary>
    public RetryPolicy ResolveDefaultRetry() => RetryPolicy.Default.With(DefaultRetry);
}

/// <summary>Worker settings, <c>Workflows:Worker</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>Whether this process runs workflow steps (a read-only node sets false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A stable id for this worker; default: host name, process id and a random suffix.</summary>
    public string? Id { get; set; }

    /// <summary>
    /// How many steps run at once in this process; unless configured, <see cref="DefaultMaxConcurrency"/> for the
    /// database's provider.
    /// </summary>
    public int MaxConcurrency { get; set; } = SqliteMaxConcurrency;

    /// <summary>The default on SQLite (one node).</summary>
    /// <remarks>
    /// A step waits for its group commit before its chain goes on, so the steps in flight, not
    /// the cores, bound the throughput: at 16 the web app left about 0.6 of its 2 cores idle while triage work was
    /// queued (bench, 2026-12-07), and 64 triaged 15-25% more tickets per second in the same runs.
    /// </remarks>
    public const int SqliteMaxConcurrency = 64;

    /// <summary>The default on PostgreSQL (one or several nodes).</summary>
    /// <remarks>
    /// Every step in flight may hold a pooled connection while it reads its instance, so the nodes together need
    /// about their steps in flight in connections: 16 keeps a few nodes under a stock server's <c>max_connections</c>
    /// of 100. Raise it with the server's limit (README, "Several nodes").
    /// </remarks>
    public const int PostgresMaxConcurrency = 16;

    /// <summary>The default of <see cref="MaxConcurrency"/> on <paramref name="provider"/>.</summary>
    public static int DefaultMaxConcurrency(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresMaxConcurrency : SqliteMaxConcurrency;

    /// <summary>How long a claim lasts without a heartbeat; a dead worker's work is picked up after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often due work is looked for when nothing wakes the worker.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most writes grouped into one database transaction.</summary>
    public int MaxCommitBatch { get; set; } = 128;
}

/// <summary>Retention settings, <c>Workflows:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>Completed and cancelled instances older than this are purged with their journals; null keeps them forever.</summary>
    public TimeSpan? FinishedInstanceAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the purge runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Metrics settings, <c>Workflows:Metrics</c>.</summary>
public sealed class MetricsOptions
{
    /// <summary>The longest a gauge read from the database (due work, review backlog) is reused before it is read again.</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}
