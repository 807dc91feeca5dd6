using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Activities;

/// <summary>What the registry, the validator and the designer know about an activity type.</summary>
public sealed record ActivityDescriptor
{
    /// <summary>The type name used in definitions.</summary>
    public required string Type { get; init; }

    /// <summary>A short name for the toolbox.</summary>
    public required string DisplayName { get; init; }

    /// <summary>One or two sentences for the toolbox and the property panel.</summary>
    public required string Description { get; init; }

    /// <summary>A toolbox group, e.g. "Flow", "AI", "Human".</summary>
    public string Category { get; init; } = "General";

    /// <summary>The outcomes the activity can end with (each is a port in the designer).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [Activities.Outcomes.Done];

    /// <summary>The settings the activity reads, with their types and bounds.</summary>
    public IReadOnlyList<ActivitySetting> Settings { get; init; } = [];

    /// <summary>Cross-field checks beyond the schema; return one message per problem.</summary>
    public Func<JsonObject, IEnumerable<string>>? Validate { get; init; }
}
