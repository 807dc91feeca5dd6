using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Engine.Activities;

/// <summary>Everything an activity execution may read and change.</summary>
public sealed class ActivityContext
{
    internal ActivityContext(
        string instanceId,
        string businessKey,
        string definitionId,
        int definitionVersion,
        string nodeId,
        int attempt,
        JsonObject settings,
        JsonNode? input,
        JsonObject variables,
        JsonObject outputs,
        IServiceProvider services,
        TimeProvider time,
        CancellationToken cancellationToken,
        IDictionary<string, object>? stepItems = null)
    {
        StepItems = stepItems ?? new Dictionary<string, object>(StringComparer.Ordinal);
        InstanceId = instanceId;
        BusinessKey = businessKey;
        DefinitionId = definitionId;
        DefinitionVersion = definitionVersion;
        NodeId = nodeId;
        Attempt = attempt;
        Settings = settings;
        Input = input;
        Variables = variables;
        Outputs = outputs;
        Services = services;
        Time = time;
        CancellationToken = cancellationToken;
    }

    /// <summary>The workflow instance.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's business key (the ticket id).</summary>
    public string BusinessKey { get; }

    /// <summary>The definition the instance runs.</summary>
    public string DefinitionId { get; }

    /// <summary>The definition version the instance runs (it stays on the version it started with).</summary>
    public int DefinitionVersion { get; }

    /// <summary>The node being executed.</summary>
    public string NodeId { get; }

    /// <summary>The attempt number, starting at 1.</summary>
    public int Attempt { get; }

    /// <summary>The node's settings from the definition (read-only by convention).</summary>
    public JsonObject Settings { get; }

    /// <summary>The instance's input, given when it started.</summary>
    public JsonNode? Input { get; }

    /// <summary>The instance's variables; changes are saved with the step's checkpoint.</summary>
    public JsonObject Variables { get; }

    /// <summary>Outputs of the nodes that completed before, by node id.</summary>
    public JsonObject Outputs { get; }

    /// <summary>Services of the execution's dependency-injection scope.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The clock to use: never <see cref="DateTime.UtcNow"/> in an activity.</summary>
    public TimeProvider Time { get; }

    /// <summary>Cancelled when the attempt times out, the instance is cancelled or the worker stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Set when the execution handles a resumed bookmark.</summary>
    public ResumeInfo? Resume { get; internal init; }

    /// <summary>Set when the execution handles a bookmark whose deadline passed.</summary>
    public BookmarkInfo? Bookmark { get; internal init; }

    /// <summary>Usage figures (tokens, cost, model) the activity reports; journaled with its completion.</summary>
    public JsonObject Metrics { get; } = [];

    /// <summary>
    /// Values a node hands on, in memory, to the nodes that run inline after it in the same step
    /// (<see cref="IInlineActivity"/>), such as a result they would otherwise read back from the database.
    /// They are never saved: a node that runs as a step of its own starts with none, so a node must read
    /// what it needs from its variables or the database when an item is missing, and treat an item only as
    /// a shortcut to the same value. Only what this step's own nodes computed is ever here, so it is never stale.
    /// </summary>
    public IDictionary<string, object> StepItems { get; }

    /// <summary>Extra journal entries the activity wants in the timeline, written with its checkpoint.</summary>
    internal List<(string Type, string Detail)> ExtraJournal { get; } = [];

    /// <summary>The database effects the activity enlisted, written in the step's transaction.</summary>
    internal List<Action<WorkflowTransaction>> Effects { get; } = [];

    /// <summary>
    /// Makes <paramref name="effect"/> part of this step: it runs inside the transaction that commits the
    /// step's checkpoint (after the claim's fence held), so the domain's rows (a ticket's fields, an audit
    /// entry, a comment) and the workflow's new state commit together or not at all. A step that runs
    /// again after a crash therefore writes nothing twice: nothing was written. If the effect throws, the
    /// step fails with error kind <c>EffectFailed</c> and is retried by its node's policy.
    /// <para>The activity computes outside the transaction (it may call a model for seconds); the effect only
    /// writes, quickly, through the transaction. Effects run in the order they were enlisted.</para>
    /// </summary>
    public void Enlist(Action<WorkflowTransaction> effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        Effects.Add(effect);
    }

    /// <summary>Reads a typed variable; default when it is not set.</summary>
    public T? Get<T>(WorkflowVariable<T> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Variables[variable.Name] is { } node ? node.Deserialize<T>(WorkflowVariable.Json) : default;
    }

    /// <summary>Sets a typed variable; saved with the step's checkpoint.</summary>
    public void Set<T>(WorkflowVariable<T> variable, T value)
    {
        ArgumentNullException.ThrowIfNull(variable);
        Variables[variable.Name] = JsonSerializer.SerializeToNode(value, WorkflowVariable.Json);
    }

    /// <summary>Adds an entry to the instance's journal, committed with this step (never include PII).</summary>
    public void Journal(string type, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ExtraJournal.Add((type, detail));
    }

    /// <summary>Reads a string setting, or <paramref name="fallback"/> when absent.</summary>
    public string? GetString(string name, string? fallback = null) =>
        Settings[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : fallback;
}

/// <summary>A resume delivered to an activity.</summary>
/// <param name="RequestId">The caller's request id (idempotency key).</param>
/// <param name="Kind">The resumed bookmark's kind.</param>
/// <param name="Payload">The data sent with the resume.</param>
/// <param name="Actor">Who resumed it.</param>
public sealed record ResumeInfo(string RequestId, string Kind, JsonNode? Payload, string? Actor)
{
    /// <summary>The payload as the record the resuming side sent; default when there is none.</summary>
    /// <exception cref="JsonException">The payload is not a <typeparamref name="T"/>.</exception>
    public T? PayloadAs<T>() => Payload is null ? default : Payload.Deserialize<T>(WorkflowVariable.Json);

    /// <summary>The traceparent of the resume's span in the caller's trace; the step that delivers it links to it.</summary>
    internal string? TraceParent { get; init; }
}

/// <summary>A bookmark whose deadline passed.</summary>
/// <param name="BookmarkId">The bookmark.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Payload">The payload the activity stored on it.</param>
/// <param name="Deadline">The deadline that passed.</param>
public sealed record BookmarkInfo(string BookmarkId, string Kind, JsonNode? Payload, DateTimeOffset Deadline);
