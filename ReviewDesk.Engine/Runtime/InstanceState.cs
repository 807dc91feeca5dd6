using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Runtime;

/// <summary>An instance as a worker holds it while it runs a step.</summary>
internal sealed class InstanceState
{
    public required string Id { get; init; }
    public required string BusinessKey { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required JsonNode? Input { get; init; }
    public required JsonObject Variables { get; init; }
    public required JsonObject Outputs { get; init; }
    public required long Version { get; init; }
    public required int NextJournalSequence { get; init; }
}
