using System.Text.Json.Nodes;

namespace ReviewDesk.Workflows.Designer;

/// <summary>One attempt of one node in a test run.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="ActivityType">Its activity type.</param>
/// <param name="Attempt">The attempt number.</param>
/// <param name="Status">Completed, Failed or Suspended.</param>
/// <param name="Outcome">The outcome it ended with, when it completed.</param>
/// <param name="Output">What it returned.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record TestRunStep(string NodeId, string ActivityType, int Attempt, string Status, string? Outcome, JsonNode? Output, string? Error);
