using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>Lists what changed between two versions: nodes added and removed, and per node its type, label, settings, retry policy and connections.</summary>
public static class DefinitionComparer
{
    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/> (positions are ignored).</summary>
    public static IReadOnlyList<DefinitionChange> Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<DefinitionChange>();
        Value(changes, null, "name", before.Name, after.Name);
        Value(changes, null, "description", before.Description, after.Description);
        Value(changes, null, "start node", before.StartNodeId, after.StartNodeId);
        Value(changes, null, "variant selection", Json(before.Selection), Json(after.Selection));

        foreach (var old in before.Nodes.Where(n => after.FindNode(n.Id) is null))
        {
            changes.Add(new(DefinitionChangeKind.Removed, old.Id, "node", old.Type, null));
        }

        foreach (var node in after.Nodes)
        {
            var old = before.FindNode(node.Id);
            if (old is null)
            {
                changes.Add(new(DefinitionChangeKind.Added, node.Id, "node", null, node.Type));
                continue;
            }

            Value(changes, node.Id, "type", old.Type, node.Type);
            Value(changes, node.Id, "label", old.DisplayName, node.DisplayName);
            foreach (var name in old.Settings.Select(p => p.Key).Union(node.Settings.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Value(changes, node.Id, $"setting {name}", old.Settings[name]?.ToJsonString(), node.Settings[name]?.ToJsonString());
            }

            Value(changes, node.Id, "retry", Json(old.Retry), Json(node.Retry));
        }

        var outcomes = before.Connections.Select(c => (c.From, c.Outcome)).Union(after.Connections.Select(c => (c.From, c.Outcome)));
        foreach (var (from, outcome) in outcomes.OrderBy(o => o.From, StringComparer.Ordinal).ThenBy(o => o.Outcome, StringComparer.Ordinal))
        {
            Value(changes, from, $"connection {outcome}", before.NextNodeId(from, outcome), after.NextNodeId(from, outcome));
        }

        return changes;
    }

    private static void Value(List<DefinitionChange> changes, string? nodeId, string what, string? before, string? after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal)) return;
        var kind = before is null ? DefinitionChangeKind.Added : after is null ? DefinitionChangeKind.Removed : DefinitionChangeKind.Changed;
        changes.Add(new(kind, nodeId, what, before, after));
    }

    private static string? Json<T>(T? value) where T : class =>
        value is null ? null : JsonSerializer.SerializeToNode(value, DefinitionJson.Options) is JsonNode node ? node.ToJsonString(DefinitionJson.Options) : null;
}
