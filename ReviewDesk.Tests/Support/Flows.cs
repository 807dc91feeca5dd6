using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Tests.Support;

/// <summary>Builds small definitions for tests: a straight line of nodes, with extra connections.</summary>
public static class Flows
{
    public static WorkflowDefinition Line(string id, params WorkflowNode[] nodes) => new()
    {
        Id = id,
        Name = id,
        StartNodeId = nodes[0].Id,
        Nodes = nodes,
        Connections = [.. nodes.Zip(nodes.Skip(1), (a, b) => new WorkflowConnection { From = a.Id, Outcome = NextOutcome(a), To = b.Id })],
    };

    public static WorkflowNode Node(string id, string type, JsonObject? settings = null, RetryPolicySettings? retry = null) =>
        new() { Id = id, Type = type, Settings = settings ?? [], Retry = retry };

    public static WorkflowDefinition With(this WorkflowDefinition definition, params WorkflowConnection[] connections) =>
        definition with { Connections = [.. definition.Connections, .. connections] };

    public static WorkflowConnection Connect(string from, string outcome, string to) => new() { From = from, Outcome = outcome, To = to };

    private static string NextOutcome(WorkflowNode node) => node.Type == "WaitForSignal" ? "Resumed" : "Done";
}
