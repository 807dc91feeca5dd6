using System.Text.Json.Nodes;

namespace ReviewDesk.Engine.Runtime;

/// <summary>A request to start an instance.</summary>
public sealed record StartWorkflowRequest
{
    /// <summary>The definition to run.</summary>
    public required string DefinitionId { get; init; }

    /// <summary>The business key (the ticket id); starting twice with one key returns the first instance.</summary>
    public required string BusinessKey { get; init; }

    /// <summary>A specific published version; default the latest published.</summary>
    public int? Version { get; init; }

    /// <summary>Input for the activities.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>Who starts it; journaled.</summary>
    public string? Actor { get; init; }
}

/// <summary>The started (or existing) instance.</summary>
/// <param name="InstanceId">Instance id.</param>
/// <param name="Created">False when an instance with the business key existed already.</param>
/// <param name="DefinitionId">The definition it runs.</param>
/// <param name="DefinitionVersion">The definition version it runs (an instance stays on it).</param>
public sealed record StartWorkflowResult(string InstanceId, bool Created, string DefinitionId, int DefinitionVersion)
{
    /// <summary>
    /// The prepared first step was taken (<see cref="WorkflowTransaction.StartWorkflow(StartWorkflowRequest, PreparedStart?)"/>):
    /// its writes commit with the start. False when there was none, or it was dropped and the worker runs the step.
    /// </summary>
    public bool PreparedStepTaken { get; init; }
}

/// <summary>A request the runtime cannot carry out, with the reason.</summary>
public sealed class WorkflowRequestException(string message) : Exception(message);
