using System.Text.Json.Serialization;

namespace ReviewDesk.Engine.Definitions;

/// <summary>
/// A workflow definition as data: a flowchart of nodes (activities) joined by connections that
/// leave a node through one of its outcomes. One definition id has many versions; a published
/// version never changes and every instance stays on the version it started with.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>Stable identifier of the definition across versions, e.g. <c>support-triage</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Version number; assigned by the definition store when a draft is saved.</summary>
    public int Version { get; init; }

    /// <summary>Optional description shown to admins.</summary>
    public string? Description { get; init; }

    /// <summary>The node where every instance starts.</summary>
    public string? StartNodeId { get; init; }

    /// <summary>The flowchart's nodes.</summary>
    public IReadOnlyList<WorkflowNode> Nodes { get; init; } = [];

    /// <summary>The flowchart's connections: from a node's outcome to the next node.</summary>
    public IReadOnlyList<WorkflowConnection> Connections { get; init; } = [];

    /// <summary>
    /// When set, the rule that makes new tickets run this definition (a variant) instead of the default:
    /// evaluated at submission against the latest published version of every definition.
    /// </summary>
    public VariantSelection? Selection { get; init; }

    /// <summary>Finds a node by id.</summary>
    public WorkflowNode? FindNode(string nodeId) => Nodes.FirstOrDefault(n => n.Id == nodeId);

    /// <summary>The node that follows <paramref name="nodeId"/> when it ends with <paramref name="outcome"/>, or null when none is connected.</summary>
    public string? NextNodeId(string nodeId, string outcome) =>
        Connections.FirstOrDefault(c => c.From == nodeId && string.Equals(c.Outcome, outcome, StringComparison.Ordinal))?.To;

    /// <summary>Whether the definition connects <paramref name="outcome"/> of <paramref name="nodeId"/> to another node.</summary>
    public bool HasConnection(string nodeId, string outcome) => NextNodeId(nodeId, outcome) is not null;
}

/// <summary>One activity in a flowchart.</summary>
public sealed record WorkflowNode
{
    /// <summary>Unique id of the node within its definition.</summary>
    public required string Id { get; init; }

    /// <summary>The activity type name, as registered in the activity registry.</summary>
    public required string Type { get; init; }

    /// <summary>Optional label for the designer and timelines.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The activity's settings, validated against its settings schema.</summary>
    public System.Text.Json.Nodes.JsonObject Settings { get; init; } = [];

    /// <summary>Overrides of the configured default retry policy for this node.</summary>
    public RetryPolicySettings? Retry { get; init; }

    /// <summary>Position on the designer canvas.</summary>
    public NodePosition? Position { get; init; }
}

/// <summary>A designer canvas position.</summary>
public sealed record NodePosition(double X, double Y);

/// <summary>A connection from a node's outcome to the next node.</summary>
public sealed record WorkflowConnection
{
    /// <summary>Source node id.</summary>
    public required string From { get; init; }

    /// <summary>The outcome of the source node that follows this connection.</summary>
    public required string Outcome { get; init; }

    /// <summary>Target node id.</summary>
    public required string To { get; init; }
}

/// <summary>The lifecycle of one definition version.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefinitionStatus>))]
public enum DefinitionStatus
{
    /// <summary>Editable; cannot start instances.</summary>
    Draft = 0,

    /// <summary>Immutable; new instances start on the latest published version.</summary>
    Published = 1,

    /// <summary>No longer used for new instances; running instances continue on it.</summary>
    Retracted = 2,
}
