using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Engine.Runtime;

/// <summary>
/// Everything one step writes, decided by the executor and applied by the store in one transaction:
/// the attempt's checkpoint, the instance's next state, journal entries, and the next work or bookmark.
/// When nodes ran inline after it (<see cref="Activities.IInlineActivity"/>), their records are in
/// <see cref="Inline"/>, and the instance's state, next node and completion are those after the last of them.
/// </summary>
internal sealed record StepPlan
{
    public required ClaimedWork Work { get; init; }
    public required InstanceState Before { get; init; }
    public required string ActivityType { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Completed, Suspended or Failed.</summary>
    public required string ExecutionStatus { get; init; }
    public string? Outcome { get; init; }
    public string? OutputJson { get; init; }
    public string? ErrorKind { get; init; }
    public string? Error { get; init; }
    public string? MetricsJson { get; init; }
    /// <summary>The instance's variables after the step (kept as objects so the writer need not parse them back).</summary>
    public required System.Text.Json.Nodes.JsonObject Variables { get; init; }
    public required System.Text.Json.Nodes.JsonObject Outputs { get; init; }
    /// <summary>
    /// <see cref="Variables"/> and <see cref="Outputs"/> as JSON: null until <see cref="Serialized"/>, which the executor
    /// calls once, on the worker, just before the commit (not for each node run inline, nor on the writer).
    /// </summary>
    public string? VariablesJson { get; init; }
    public string? OutputsJson { get; init; }

    /// <summary>This plan with <see cref="VariablesJson"/> and <see cref="OutputsJson"/> filled in.</summary>
    public StepPlan Serialized() =>
        VariablesJson is not null && OutputsJson is not null ? this : this with { VariablesJson = Variables.ToJsonString(), OutputsJson = Outputs.ToJsonString() };

    /// <summary>Schedule this node next (attempt 1), leased to this worker so it continues at once.</summary>
    public string? NextNodeId { get; init; }
    /// <summary>The next node's activity type, for its journal entry.</summary>
    public string? NextActivityType { get; init; }
    /// <summary>Suspend on this bookmark.</summary>
    public BookmarkRequest? Bookmark { get; init; }
    /// <summary>Schedule another attempt of the same node after this delay.</summary>
    public TimeSpan? RetryDelay { get; init; }
    /// <summary>Record an incident (attempts exhausted).</summary>
    public bool Incident { get; init; }
    /// <summary>Fault the instance.</summary>
    public bool Fault { get; init; }
    /// <summary>Complete the instance.</summary>
    public bool Complete { get; init; }

    /// <summary>Journal entries the activity added itself.</summary>
    public IReadOnlyList<(string Type, string Detail)> ExtraJournal { get; init; } = [];

    /// <summary>The activity's database effects (<see cref="Activities.ActivityContext.Enlist"/>), run in the step's transaction.</summary>
    public IReadOnlyList<Action<WorkflowTransaction>> Effects { get; init; } = [];

    /// <summary>The node's retry policy, to turn a failed commit of the effects into a retry.</summary>
    public Definitions.RetryPolicy? Policy { get; init; }

    /// <summary>The definition version the step ran on.</summary>
    public Definitions.WorkflowDefinition? Definition { get; init; }

    /// <summary>The nodes that ran inline after this step, in order; they commit with it.</summary>
    public IReadOnlyList<InlineStep> Inline { get; init; } = [];

    /// <summary>The same step without its inline nodes (null when it has none): committed instead when an inline node's effects fail.</summary>
    public StepPlan? WithoutInline { get; init; }
}

/// <summary>
/// A node that ran inside the step before it (<see cref="Activities.IInlineActivity"/>), attempt 1: completed with an
/// outcome, or (the last of a step's inline nodes only) suspended on the plan's <see cref="StepPlan.Bookmark"/>.
/// </summary>
internal sealed record InlineStep(
    string NodeId,
    string ActivityType,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string? Outcome,
    string? OutputJson,
    string? MetricsJson,
    IReadOnlyList<(string Type, string Detail)> ExtraJournal,
    IReadOnlyList<Action<WorkflowTransaction>> Effects);
